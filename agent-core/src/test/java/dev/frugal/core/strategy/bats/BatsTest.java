package dev.frugal.core.strategy.bats;

import static dev.frugal.core.strategy.bats.BatsFixtures.PLAN;
import static dev.frugal.core.strategy.bats.BatsFixtures.lastUser;
import static dev.frugal.core.strategy.bats.BatsFixtures.notes;
import static dev.frugal.core.strategy.bats.BatsFixtures.run;
import static dev.frugal.core.strategy.bats.BatsFixtures.schema;
import static dev.frugal.core.strategy.bats.BatsFixtures.schemas;
import static dev.frugal.core.strategy.bats.BatsFixtures.thenJson;
import static dev.frugal.core.strategy.bats.BatsFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Cap;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;

/** BATS driven by a scripted model: what each verifier decision does to the run. */
class BatsTest {

  static Bats earlyStop(boolean planning) {
    return Bats.builder().mode(Bats.Mode.EARLY_STOP).planning(planning).build();
  }

  @Test
  void aPlanSeedsTheAttemptAndItsConstraintsGoToTheVerifierWhichAsksForJson() {
    ScriptedChatModel m = thenJson(new ScriptedChatModel(), PLAN);
    m.thenTool("lookup", "{\"word\": \"capital\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, earlyStop(true), 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(schemas(m)).containsExactly("plan", null, null, "verification");
    ChatRequest step = m.requests.get(1);
    assertThat(((SystemMessage) step.messages().get(0)).text())
        .contains("## Planning")
        .contains("## Budget Tracker");
    assertThat(lastUser(step))
        .contains("- it is a city")
        .contains("[pending] 1 search capital (units used: 0)")
        .contains("  [pending] 1.1 open the best hit");
    ChatRequest verify = m.requests.get(3);
    assertThat(((SystemMessage) verify.messages().get(0)).text())
        .contains("SUCCESS when every constraint is satisfied");
    assertThat(verify.messages()).anyMatch(x -> x instanceof ToolExecutionResultMessage);
    assertThat(verify.toolSpecifications()).isEmpty();
    assertThat(lastUser(verify))
        .contains("Proposed answer: <answer>Paris</answer>")
        .contains(
            "Constraints to check:\n- it is a city\n- it is the seat of the French government")
        .contains("<budget>Lookup Budget Used: 1, Lookup Budget Remaining: 4</budget>");
    assertThat(notes(r, "verify")).singleElement().asString().startsWith("attempt 1: SUCCESS");
    assertThat(notes(r, "stop")).containsExactly("early stop: attempt 1 verified SUCCESS");
    // every call, plan and verifier included, was charged to the run's ledger
    assertThat(r.modelCalls()).containsEntry("m", 4L);
    assertThat(r.inputTokens()).isEqualTo(4 * 50);
  }

  @Test
  void continueReplacesTheRawTrajectoryWithTheVerifiersSummary() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    thenJson(m, verdict("CONTINUE", "looked up a", "a is a letter", "look up b"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, earlyStop(false), 5);

    assertThat(r.answer()).contains("Paris");
    ChatRequest after = m.requests.get(3);
    assertThat(after.messages()).hasSize(3);
    assertThat(after.messages())
        .noneMatch(x -> x instanceof ToolExecutionResultMessage || x instanceof AiMessage);
    assertThat(lastUser(after))
        .contains("\"Lyon\" could not be confirmed yet")
        .contains("Summary: looked up a")
        .contains("a is a letter")
        .contains("What is still missing: missing-looked up a")
        .contains("Suggested next steps: look up b")
        .endsWith("<budget>Lookup Budget Used: 1, Lookup Budget Remaining: 4</budget>");
    assertThat(notes(r, "continue")).hasSize(1);
    assertThat(notes(r, "attempt")).hasSize(1);
  }

  @Test
  void pivotStartsANewAttemptFromTheSummaryAndAStalledAttemptEndsTheRun() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    thenJson(m, verdict("PIVOT", "looked up a", "a is a letter", "try the government"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));
    m.thenAnswer("paris"); // attempt 3 re-answers without a tool call: not verified again

    RunResult r = run(m, Bats.builder().planning(false).build(), 5);

    assertThat(r.answer()).contains("Paris");
    ChatRequest pivot = m.requests.get(3);
    assertThat(pivot.messages()).hasSize(3);
    assertThat(lastUser(pivot))
        .contains("ended in a dead end with the answer \"Lyon\"")
        .contains("What it did: looked up a")
        .contains("Suggested new directions: try the government");
    assertThat(lastUser(m.requests.get(6))).contains("found the answer \"Paris\"");
    assertThat(notes(r, "attempt"))
        .containsExactly(
            "attempt 1 starts from the question",
            "attempt 2 starts from the notes of attempt 1",
            "attempt 3 starts from the notes of attempt 2");
    assertThat(notes(r, "stop")).singleElement().asString().startsWith("stalled: attempt 3");
    assertThat(schemas(m)).doesNotContain("judge"); // one distinct verified answer: no judge
    assertThat(m.requests).hasSize(7);
  }

  @Test
  void untilSpentKeepsAttemptingAfterASuccessButALaterSuccessNeverDisplacesIt() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Lyon");
    thenJson(m, verdict("SUCCESS"));
    m.thenTool("lookup", "{\"word\": \"c\"}"); // the last unit: the answer is forced
    m.thenAnswer("Marseille");
    thenJson(m, verdict("SUCCESS"));

    Bats bats = Bats.builder().planning(false).mode(Bats.Mode.UNTIL_SPENT).build();
    RunResult r = run(m, bats, 3);

    assertThat(bats.name()).isEqualTo("bats-no-plan-until-spent");
    assertThat(r.answer()).contains("Paris");
    assertThat(r.forcedAnswer()).isFalse();
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("lookup")));
    assertThat(r.toolUnits()).containsEntry("lookup", 3L);
    assertThat(notes(r, "attempt")).hasSize(3);
    // neither the later SUCCESS nor the forced one competes with the first unforced SUCCESS
    assertThat(schemas(m)).doesNotContain("judge");
    assertThat(notes(r, "select")).containsExactly("one distinct candidate: Paris");
    assertThat(notes(r, "stop")).singleElement().asString().contains("ran out of budget");
  }

  @Test
  void whenOnlyAForcedAnswerIsVerifiedTheJudgeAlsoSeesTheUnforcedOnesAndWhichWasForced() {
    ScriptedChatModel m = new ScriptedChatModel().thenAnswer("None");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Lyon");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"c\"}").thenAnswer("Marseille"); // forced
    thenJson(m, verdict("SUCCESS"));
    thenJson(m, "{\"choice\": 2, \"reason\": \"better supported\"}");

    RunResult r = run(m, Bats.builder().planning(false).build(), 3);

    assertThat(r.answer()).contains("Lyon");
    assertThat(r.forcedAnswer()).isFalse();
    ChatRequest judge = m.requests.get(m.requests.size() - 1);
    assertThat(schema(judge)).isEqualTo("judge");
    assertThat(judge.temperature()).isEqualTo(0.0);
    assertThat(lastUser(judge))
        .contains(
            "1. Paris\n2. Lyon\n3. Marseille (forced: guessed when the budget ran out, not"
                + " found)")
        .doesNotContain("None");
    assertThat(notes(r, "judge")).containsExactly("picked 2 of 3: Lyon (temperature 0)");
  }

  @Test
  void theJudgeNeverSeesNoneAndAnUnusableJudgeFallsBackToBestOfMajority() {
    ScriptedChatModel m = new ScriptedChatModel().thenAnswer("None");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Lyon");
    thenJson(m, verdict("PIVOT"));
    m.thenTool("lookup", "{\"word\": \"c\"}").thenAnswer("Marseille"); // forced
    thenJson(m, verdict("CONTINUE"));
    m.then(AiMessage.from("I pick Lyon")); // judge: not JSON
    thenJson(m, "{\"choice\": 0}"); // judge retry: not on the list

    RunResult r = run(m, Bats.builder().planning(false).build(), 3);

    assertThat(r.answer()).contains("Paris");
    assertThat(schemas(m).stream().filter("judge"::equals)).hasSize(2);
    ChatRequest retry = m.requests.get(m.requests.size() - 1);
    assertThat(lastUser(retry))
        .contains("1. Paris\n2. Lyon\n3. Marseille (forced")
        .contains(
            "(Your previous reply could not be used: the reply holds no JSON object: I pick Lyon."
                + " Reply with only the JSON object.)")
        .doesNotContainIgnoringCase("none");
    assertThat(notes(r, "judge"))
        .last()
        .asString()
        .isEqualTo("no usable judge reply; best-of-majority (alpha 0.1) picked Paris");
  }

  @Test
  void everyBriefingCarriesTheFactsOfEveryEarlierAttemptWithSourcesAndTheFailedBranches() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    thenJson(m, verdict("PIVOT", "looked up a", "about a", "try b"));
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Nice");
    thenJson(m, verdict("PIVOT", "looked up b", "- b is a letter (from the alphabet)", "try c"));
    m.thenTool("lookup", "{\"word\": \"c\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, earlyStop(false), 5);

    assertThat(r.answer()).contains("Paris");
    ChatRequest third = m.requests.get(6);
    assertThat(lastUser(third))
        .contains("ended in a dead end with the answer \"Nice\"")
        .contains(
            "Facts found so far, each with where it came from (use them instead of searching"
                + " again):\n- about a (source: lookup {\"word\": \"a\"})\n- b is a letter (from"
                + " the alphabet)\n")
        .contains(
            "Failed branches (do not follow them again):\n- attempt 1 answered \"Lyon\":"
                + " missing-looked up a\n- attempt 2 answered \"Nice\": missing-looked up b\n");
  }

  @Test
  void byDefaultAttemptsGoOnAfterASuccessOnlyWhileEveryToolHasHalfItsUnitsLeft() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS")); // 4 of 5 units left: go on
    m.thenTool("lookup", "{\"word\": \"b\"}")
        .thenTool("lookup", "{\"word\": \"c\"}")
        .thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS")); // 2 of 5 left: stop

    Bats bats = Bats.builder().planning(false).build();
    RunResult r = run(m, bats, 5);

    assertThat(bats.mode()).isEqualTo(Bats.Mode.BUDGET_AWARE);
    assertThat(bats.continueShare()).isEqualTo(0.5);
    assertThat(bats.name()).isEqualTo("bats-no-plan");
    assertThat(r.answer()).contains("Paris");
    assertThat(r.toolUnits()).containsEntry("lookup", 3L);
    assertThat(notes(r, "attempt")).hasSize(2);
    assertThat(notes(r, "stop"))
        .containsExactly(
            "budget-aware stop: attempt 2 verified SUCCESS and a tool has 40% of its units left,"
                + " below the 50% share needed to go on");
  }

  @Test
  void aVerifierReplyThatIsNotJsonIsAskedOnceMoreThenTheAnswerIsKeptUnverified() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    m.then(AiMessage.from("Looks right to me."));
    thenJson(m, "{\"decision\": \"MAYBE\"}");

    RunResult r = run(m, earlyStop(false), 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(schemas(m)).containsExactly(null, null, "verification", "verification");
    assertThat(lastUser(m.requests.get(3)))
        .startsWith("Proposed answer: <answer>Paris</answer>")
        .contains("(Your previous reply could not be used: the reply holds no JSON object");
    assertThat(notes(r, "verify"))
        .containsExactly(
            "unusable verify reply: the reply holds no JSON object: Looks right to me.; asking"
                + " once more",
            "unusable verify reply: field 'decision' is 'MAYBE'; valid values: SUCCESS, CONTINUE,"
                + " PIVOT");
    assertThat(notes(r, "stop"))
        .containsExactly("no usable verification; the proposed answer is kept unverified");
  }

  @Test
  void anUnusablePlanIsAskedOnceMoreThenTheRunGoesOnWithoutOne() {
    ScriptedChatModel m = new ScriptedChatModel().thenAnswer("Paris"); // no JSON: ignored
    thenJson(m, "{\"steps\": []}"); // no constraints
    m.thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    RunResult r = run(m, earlyStop(true), 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(schemas(m)).containsExactly("plan", "plan", null, null, "verification");
    assertThat(notes(r, "plan")).last().isEqualTo("no usable plan; going on without one");
    assertThat(m.requests.get(2).messages()).hasSize(2); // system prompt and question only
    assertThat(lastUser(m.requests.get(4))).contains("Constraints to check: derive them");
  }

  @Test
  void theTrajectoryIsCompactedIntoASummaryEveryNIterations() {
    ScriptedChatModel m =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenTool("lookup", "{\"word\": \"b\"}");
    thenJson(
        m,
        "{\"trajectory_summary\": \"looked up a and b\", \"useful_information\": \"a=1\","
            + " \"recommendations\": \"look up c\"}");
    m.thenAnswer("Paris");
    thenJson(m, verdict("SUCCESS"));

    Bats bats = Bats.builder().mode(Bats.Mode.EARLY_STOP).planning(false).compactEvery(2).build();
    RunResult r = run(m, bats, 5);

    assertThat(r.answer()).contains("Paris");
    assertThat(schemas(m)).containsExactly(null, null, "trajectory_summary", null, "verification");
    ChatRequest after = m.requests.get(3);
    assertThat(after.messages()).hasSize(3);
    assertThat(lastUser(after))
        .contains("Summary: looked up a and b")
        .contains("a=1")
        .contains("look up c")
        .endsWith("<budget>Lookup Budget Used: 2, Lookup Budget Remaining: 3</budget>");
    assertThat(notes(r, "compact"))
        .containsExactly("iteration 2: 6 messages replaced by a summary (3 messages)");
  }

  @Test
  void withoutVerificationAttemptsRepeatUnverifiedUntilAStallThenTheJudgeSelects() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");
    m.thenTool("lookup", "{\"word\": \"b\"}").thenAnswer("Paris");
    m.thenAnswer("paris"); // attempt 3: a known answer without any tool unit spent
    thenJson(m, "{\"choice\": 2, \"reason\": \"better supported\"}");

    Bats bats = Bats.builder().verification(false).planning(false).build();
    RunResult r = run(m, bats, 5);

    assertThat(bats.name()).isEqualTo("bats-no-plan-no-verify");
    assertThat(r.answer()).contains("Paris");
    assertThat(schemas(m)).containsExactly(null, null, null, null, null, "judge");
    assertThat(((SystemMessage) m.requests.get(0).messages().get(0)).text())
        .doesNotContain("## Planning");
    assertThat(lastUser(m.requests.get(2)))
        .startsWith("Earlier attempts at this question proposed these answers, which nobody has")
        .contains("- Lyon\n");
    assertThat(m.requests.get(2).messages()).hasSize(3); // a fresh start from the question
    assertThat(lastUser(m.requests.get(4))).contains("- Lyon\n- Paris\n");
    assertThat(notes(r, "stop"))
        .containsExactly(
            "stalled: attempt 3 proposed a known answer again without spending any tool unit");
  }

  @Test
  void theSingleUnverifiedAttemptIsOneAttemptWithoutAVerifier() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Lyon");

    Bats single = Bats.builder().verification(false).planning(false).maxAttempts(1).build();
    RunResult r = run(m, single, 5);

    assertThat(single.name()).isEqualTo("bats-no-plan-single");
    assertThat(r.answer()).contains("Lyon");
    assertThat(schemas(m)).containsExactly(null, null);
    assertThat(notes(r, "stop")).containsExactly("max attempts reached (1)");
  }

  @Test
  void aCallTheLedgerRefusesTakesTheFallbackAndNothingIsThrown() {
    ScriptedChatModel m =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("Paris");
    RunResult r =
        dev.frugal.core.Agent.builder()
            .model("m", m)
            .prices(BatsFixtures.PRICES)
            .toolsFrom(new dev.frugal.core.Lookup())
            .strategy(earlyStop(false))
            .budget(
                dev.frugal.core.budget.Budget.builder()
                    .toolUnits("lookup", 5)
                    .modelCalls("m", 3)
                    .build())
            .build()
            .run(BatsFixtures.QUESTION);
    // 3 calls, 1 kept back for a forced answer: two steps, then the verifier is refused
    assertThat(m.requests).hasSize(2);
    assertThat(r.answer()).contains("Paris");
    assertThat(notes(r, "verify"))
        .singleElement()
        .asString()
        .startsWith("no verify call: the budget cannot pay for it");
    assertThat(r.modelCalls()).containsEntry("m", 2L);
  }

  @Test
  void aForcedAnswerWithNoOtherCandidateIsKeptWithoutAVerifierCall() {
    ScriptedChatModel m =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenTool("lookup", "{\"word\": \"b\"}")
            .thenAnswer("Lyon"); // the forced answer: both units are spent

    RunResult r = run(m, Bats.builder().planning(false).build(), 2);

    assertThat(r.answer()).contains("Lyon");
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("lookup")));
    assertThat(schemas(m)).containsExactly(null, null, null);
    assertThat(m.requests.get(2).toolSpecifications()).isEmpty();
    assertThat(notes(r, "stop"))
        .singleElement()
        .asString()
        .endsWith("its forced answer is the only candidate, so it is kept without a check");
  }

  @Test
  void theBuilderValidatesEachSettingOnce() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Bats.builder().mode(Bats.Mode.EARLY_STOP).verification(false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs verification(true)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bats.builder().compactEvery(-1))
        .hasMessage("compactEvery must be >= 0 (0 = never), got -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bats.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be >= 1, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bats.builder().jsonRetries(4))
        .hasMessage("jsonRetries must be in [0, 3], got 4");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Bats.builder().planning(true).planning(false))
        .hasMessage("planning was already set");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnswerSelection.bestOfMajority(0))
        .hasMessage("alpha must be in (0, 1], got 0.0");
    assertThat(Bats.withDefaults().name()).isEqualTo("bats");
    assertThat(Bats.builder().selection(AnswerSelection.bestOfMajority()).build().name())
        .isEqualTo("bats-bom");
  }
}
