package dev.frugal.core.strategy.bats;

import static dev.frugal.core.strategy.bats.BatsFixtures.PLAN;
import static dev.frugal.core.strategy.bats.BatsFixtures.lastUser;
import static dev.frugal.core.strategy.bats.BatsFixtures.notes;
import static dev.frugal.core.strategy.bats.BatsFixtures.run;
import static dev.frugal.core.strategy.bats.BatsFixtures.schemas;
import static dev.frugal.core.strategy.bats.BatsFixtures.thenJson;
import static dev.frugal.core.strategy.bats.BatsFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BATS's plan lives (states, units, failed branches carried forward; a re-plan on PIVOT), the
 * verifier gets both constraint lists, and SUCCESS is accepted only when every constraint is marked
 * satisfied.
 */
class LivingPlanTest {
  static final String REPLAN =
      "{\"exploration_constraints\": [\"capital cities of Europe\"],"
          + " \"verification_constraints\": [\"it is a city\"],"
          + " \"steps\": [{\"id\": \"1\", \"description\": \"search capital\", \"state\":"
          + " \"pending\", \"units_used\": 0}, {\"id\": \"1.2\", \"description\": \"search the"
          + " seat of government\", \"state\": \"pending\", \"units_used\": 0}]}";

  @Test
  void unitsGoToTheActiveStepVerdictsMoveStatesAndARePlanNeverDeletesOrUndoes() throws Exception {
    LivingPlan p = new LivingPlan(Plan.parse(PLAN));
    p.syncUnits(2);
    assertThat(p.plan().steps().get(0)).isEqualTo(step("1", "search capital", "PARTIAL", 2));
    p.afterVerdict(1, Verification.Decision.PIVOT, "Lyon", "not the capital");
    assertThat(p.plan().steps().get(0).state()).isEqualTo(Plan.State.FAILED);
    p.syncUnits(3); // the next active step is 1.1
    assertThat(p.plan().steps().get(1)).isEqualTo(step("1.1", "open the best hit", "PARTIAL", 1));
    p.revise(Plan.parse(REPLAN));
    assertThat(p.plan().steps())
        .containsExactly(
            step("1", "search capital", "FAILED", 2),
            step("1.2", "search the seat of government", "PENDING", 0),
            step("1.1", "open the best hit", "PARTIAL", 1));
    assertThat(p.render())
        .contains("[failed] 1 search capital (units used: 2)")
        .contains("Failed branches (dead ends; do not repeat them):")
        .contains("- attempt 1: answer \"Lyon\" failed: not the capital");
  }

  static Plan.Step step(String id, String d, String state, long units) {
    return new Plan.Step(id, d, Plan.State.valueOf(state), units);
  }

  @Test
  void aPivotRePlansAndTheNextAttemptSeesTheUpdatedChecklistNotTheOriginal() {
    ScriptedChatModel m = thenJson(new ScriptedChatModel(), PLAN);
    m.thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    thenJson(m, verdict("PIVOT", "looked up a", "a is a letter", "try the government"));
    thenJson(m, REPLAN);
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, Bats.builder().mode(Bats.Mode.EARLY_STOP).build(), 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(schemas(m))
        .containsExactly("plan", null, null, "verification", "plan", null, null, "verification");
    assertThat(lastUser(m.requests.get(3))).contains("- capital cities of Europe"); // both lists
    assertThat(lastUser(m.requests.get(4)))
        .contains("[failed] 1 search capital (units used: 1)")
        .contains("answer \"Lyon\" failed: missing-looked up a")
        .contains("Suggested new directions: try the government");
    List<String> attempt2 =
        m.requests.get(5).messages().stream()
            .filter(x -> x instanceof UserMessage)
            .map(x -> ((UserMessage) x).singleText())
            .toList();
    assertThat(String.join("\n", attempt2))
        .contains("[failed] 1 search capital (units used: 1)")
        .contains("[pending] 1.2 search the seat of government")
        .contains("[pending] 1.1 open the best hit")
        .contains("- attempt 1: answer \"Lyon\" failed")
        .doesNotContain("[pending] 1 search capital");
    assertThat(notes(r, "plan")).anyMatch(n -> n.startsWith("re-planned after a PIVOT"));
  }

  @Test
  void aSuccessWhoseConstraintsAreNotAllSatisfiedIsNotAccepted() {
    ObjectNode o = (ObjectNode) BatsFixtures.JSON.createObjectNode();
    o.putArray("verification")
        .addObject()
        .put("constraint", "it is a city")
        .put("status", "unverifiable");
    o.put("decision", "SUCCESS");
    o.put("justification", "probably");
    o.put("trajectory_summary", "looked up a");
    o.put("failure_analysis", "");
    o.put("useful_information", "");
    o.put("recommendations", "");
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    thenJson(m, o.toString());
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, Bats.builder().mode(Bats.Mode.EARLY_STOP).planning(false).build(), 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(notes(r, "verify").get(0))
        .startsWith("attempt 1: CONTINUE")
        .contains("SUCCESS not accepted");
    assertThat(notes(r, "continue")).hasSize(1);
  }
}
