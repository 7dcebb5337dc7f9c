package dev.frugal.core.strategy.bats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading structured replies, and the Best-of-Majority rule. */
class RepliesAndSelectionTest {

  static Candidate candidate(String answer, Verification.Decision d, double satisfied) {
    List<Verification.Check> checks = new ArrayList<>();
    int ok = (int) Math.round(satisfied * 4);
    for (int i = 0; i < 4; i++) {
      checks.add(
          new Verification.Check(
              "c" + i, i < ok ? Verification.Status.SATISFIED : Verification.Status.UNVERIFIABLE));
    }
    return new Candidate(
        answer, 1, Optional.of(new Verification(checks, d, "", "", "", "", "")), false);
  }

  @Test
  void aVerificationIsReadFromAFencedReplyInAnyCase() throws Exception {
    Verification v =
        Verification.parse(
            "```json\n{\"verification\": [{\"constraint\": \"a city\", \"status\": \"Satisfied\"},"
                + " {\"constraint\": \"in France\", \"status\": \"UNVERIFIABLE\"}],"
                + " \"decision\": \"continue\", \"useful_information\": [\"Paris: capital\"]}\n```");
    assertThat(v.decision()).isEqualTo(Verification.Decision.CONTINUE);
    assertThat(v.checks())
        .extracting(Verification.Check::status)
        .containsExactly(Verification.Status.SATISFIED, Verification.Status.UNVERIFIABLE);
    assertThat(v.satisfiedFraction()).isEqualTo(0.5);
    assertThat(v.usefulInformation()).isEqualTo("Paris: capital");
    assertThat(v.justification()).isEmpty();
    assertThat(v.describe()).isEqualTo("CONTINUE (1/2 satisfied)");
  }

  @Test
  void aVerificationWithoutADecisionOrWithAnUnknownStatusSaysWhatIsWrong() {
    assertThatThrownBy(() -> Verification.parse("{\"verification\": []}"))
        .isInstanceOf(MalformedReply.class)
        .hasMessageStartingWith("the verification has no 'decision' (one of SUCCESS, CONTINUE,");
    assertThatThrownBy(
            () ->
                Verification.parse(
                    "{\"decision\": \"PIVOT\", \"verification\": [{\"constraint\": \"x\","
                        + " \"status\": \"maybe\"}]}"))
        .hasMessage(
            "field 'status' is 'MAYBE'; valid values: SATISFIED, CONTRADICTED, UNVERIFIABLE");
    assertThatThrownBy(() -> Verification.parse("{\"decision\": \"PIVOT\""))
        .hasMessageStartingWith("the reply holds no JSON object");
    assertThatThrownBy(() -> Verification.parse("{\"decision\": PIVOT}"))
        .hasMessageStartingWith("the reply is not valid JSON");
  }

  @Test
  void aPlanRendersItsTreeWithStatesAndUnits() throws Exception {
    Plan p =
        Plan.parse(
            "{\"exploration_constraints\": [\"born in 1950\"], \"verification_constraints\":"
                + " [\"won a prize\"], \"steps\": [{\"id\": \"1\", \"description\": \"search\","
                + " \"state\": \"done\", \"units_used\": 3}, {\"id\": \"1.1\", \"description\":"
                + " \"open\", \"state\": \"FAILED\", \"units_used\": 1}]}");
    assertThat(p.render())
        .isEqualTo(
            "Exploration constraints (search with these first):\n- born in 1950\n"
                + "Verification constraints (check candidates against these):\n- won a prize\n"
                + "Checklist:\n[done] 1 search (units used: 3)\n  [failed] 1.1 open (units used:"
                + " 1)");
  }

  @Test
  void theJudgesChoiceMustBeOnTheList() throws Exception {
    assertThat(FinalSelection.parseChoice("{\"choice\": 2}", 3)).isEqualTo(2);
    assertThat(FinalSelection.parseChoice("{\"choice\": \"3\"}", 3)).isEqualTo(3);
    assertThatThrownBy(() -> FinalSelection.parseChoice("{\"choice\": 4}", 3))
        .hasMessage("the judge chose 4, but the candidates are 1 to 3");
    assertThatThrownBy(() -> FinalSelection.parseChoice("{\"pick\": 1}", 3))
        .hasMessageStartingWith("the judge reply has no integer 'choice'");
  }

  @Test
  void bestOfMajorityTakesTheBestScoredAnswerAmongTheFrequentOnes() {
    Candidate weak = candidate("Lyon", Verification.Decision.PIVOT, 0.25);
    Candidate strong = candidate("Paris", Verification.Decision.CONTINUE, 0.75);
    assertThat(FinalSelection.bestOfMajority(List.of(weak, strong, weak), 0.1).answer())
        .isEqualTo("Paris");

    // one lucky answer among eleven falls under the 10% gate; at 5% it wins on its score
    List<Candidate> pool = new ArrayList<>();
    pool.add(candidate("Marseille", Verification.Decision.SUCCESS, 1));
    for (int i = 0; i < 10; i++) pool.add(candidate("the Paris", Verification.Decision.PIVOT, 0.5));
    assertThat(FinalSelection.bestOfMajority(pool, 0.1).answer()).isEqualTo("the Paris");
    assertThat(FinalSelection.bestOfMajority(pool, 0.05).answer()).isEqualTo("Marseille");

    // equal scores: the more frequent group, then the one proposed first
    Candidate a = candidate("A", Verification.Decision.PIVOT, 0.5);
    Candidate b = candidate("B", Verification.Decision.PIVOT, 0.5);
    assertThat(FinalSelection.bestOfMajority(List.of(a, b, b), 0.1).answer()).isEqualTo("B");
    assertThat(FinalSelection.bestOfMajority(List.of(a, b), 0.1).answer()).isEqualTo("A");
  }

  @Test
  void onlyVerifiedCandidatesCompeteWhenThereIsAny() {
    Candidate verified = candidate("Paris", Verification.Decision.SUCCESS, 1);
    Candidate other = candidate("Lyon", Verification.Decision.PIVOT, 0);
    assertThat(FinalSelection.pool(List.of(other, verified))).containsExactly(verified);
    assertThat(FinalSelection.pool(List.of(other))).containsExactly(other);
    assertThat(
            FinalSelection.distinct(
                List.of(verified, candidate("paris.", Verification.Decision.SUCCESS, 1))))
        .hasSize(1);
  }

  static Candidate candidate(String answer, int attempt, Verification.Decision d, boolean forced) {
    Candidate c = candidate(answer, d, d == Verification.Decision.SUCCESS ? 1 : 0);
    return new Candidate(answer, attempt, c.verification(), forced);
  }

  @Test
  void anUnforcedSuccessIsNeverDisplacedByAForcedOrALaterCandidate() {
    Candidate found = candidate("Paris", 1, Verification.Decision.SUCCESS, false);
    Candidate laterSuccess = candidate("Lyon", 2, Verification.Decision.SUCCESS, false);
    Candidate forcedSuccess = candidate("Nice", 3, Verification.Decision.SUCCESS, true);
    Candidate same = candidate("paris", 4, Verification.Decision.SUCCESS, false);
    assertThat(FinalSelection.pool(List.of(found, laterSuccess, forcedSuccess)))
        .containsExactly(found);
    // a later candidate with the same answer only confirms it
    assertThat(FinalSelection.pool(List.of(found, laterSuccess, same)))
        .containsExactly(found, same);
    // an earlier forced SUCCESS does not displace a later unforced one either
    assertThat(FinalSelection.pool(List.of(forcedSuccess, laterSuccess)))
        .containsExactly(laterSuccess);
  }

  @Test
  void whenOnlyForcedCandidatesAreVerifiedTheUnforcedUnverifiedOnesJoinThePool() {
    Candidate forcedSuccess = candidate("Nice", 3, Verification.Decision.SUCCESS, true);
    Candidate proposed = candidate("Lyon", 1, Verification.Decision.CONTINUE, false);
    Candidate forcedGuess = candidate("Metz", 2, Verification.Decision.PIVOT, true);
    assertThat(FinalSelection.pool(List.of(proposed, forcedGuess, forcedSuccess)))
        .containsExactly(proposed, forcedSuccess);
  }
}
