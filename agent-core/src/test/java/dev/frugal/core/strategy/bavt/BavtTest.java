package dev.frugal.core.strategy.bavt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BavtTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();

  /** Always picks the newest frontier node (nextDouble() is just below 1), so scripts are exact. */
  static final RandomSource NEWEST = q -> (RandomGenerator) () -> -1L;

  static class Lookup {
    final AtomicInteger calls = new AtomicInteger();

    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    String lookup(String word) {
      calls.incrementAndGet();
      return "about " + word;
    }
  }

  static RunResult run(RoleModel model, Lookup tool, Bavt bavt, Budget budget) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(tool)
        .strategy(bavt)
        .budget(budget)
        .build()
        .run("What is the capital of France?");
  }

  static String allText(ChatRequest r) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : r.messages()) sb.append(RoleModel.text(m)).append('\n');
    return sb.toString();
  }

  @Test
  void aStepIsScoredByTheCriticAndAFinalAnswerEndsTheSearch() {
    RoleModel model =
        new RoleModel().step(RoleModel.lookup("france")).score(0.4).step(RoleModel.answer("Paris"));
    Lookup tool = new Lookup();
    RunResult r = run(model, tool, Bavt.builder().randomSource(NEWEST).build(), Budget.unlimited());

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(r.forcedAnswer()).isFalse();
    assertThat(tool.calls).hasValue(1);
    assertThat(model.requests).hasSize(3);
    ChatRequest critique = model.critiqueRequests().get(0);
    assertThat(critique.responseFormat().jsonSchema().name()).isEqualTo("bavt_critique");
    List<ChatMessage> cm = critique.messages();
    assertThat(cm.get(cm.size() - 2)).isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(((UserMessage) cm.get(cm.size() - 1)).singleText()).contains("newest step");
    // the answer came from the child (V = 0.7), whose conversation holds the tool result
    assertThat(allText(model.generatorRequests().get(1))).contains("about france");

    TreeNotes.Tree tree = TreeNotes.read(r.trace()).get(0);
    assertThat(tree.nodes())
        .extracting(TreeNotes.NodeNote::status)
        .containsExactly("open", "open", "terminal");
    assertThat(tree.nodes().get(1).value()).isEqualTo(0.7); // 0.5 + 0.4 (1 - 0.5)
    assertThat(tree.nodes().get(1).delta()).isEqualTo(0.4);
    assertThat(tree.path().nodes()).containsExactly(0, 1, 2);
    assertThat(tree.path().forced()).isFalse();
    assertThat(tree.selections()).extracting(TreeNotes.SelectNote::node).containsExactly(0, 1);
    assertThat(tree.selections().get(0).r()).isEqualTo(1.0);
  }

  @Test
  void aStepThatDoesNotAdvanceIsPrunedAndTheParentTriesAnotherWithTheFailedOneShown() {
    RoleModel model =
        new RoleModel()
            .step(RoleModel.lookup("weather"))
            .score(-0.2)
            .step(RoleModel.lookup("france"))
            .score(0.5)
            .step(RoleModel.answer("Paris"));
    RunResult r =
        run(model, new Lookup(), Bavt.builder().randomSource(NEWEST).build(), Budget.unlimited());

    assertThat(r.answer()).contains("Paris");
    List<ChatRequest> gen = model.generatorRequests();
    assertThat(allText(gen.get(1)))
        .contains(
            "From this point you already tried: lookup {\"word\":\"weather\"} - it did not advance"
                + " the answer. Take a different next step.");
    // the answer step extends the kept branch only: the pruned result is not in its context
    assertThat(allText(gen.get(2))).contains("about france").doesNotContain("about weather");
    TreeNotes.Tree tree = TreeNotes.read(r.trace()).get(0);
    assertThat(tree.nodes().get(1).status()).isEqualTo("pruned");
    assertThat(tree.nodes().get(1).reason()).isEqualTo("no progress");
    assertThat(tree.path().nodes()).containsExactly(0, 2, 3);
  }

  @Test
  void aRepeatedStepIsPrunedWithoutRunningTheToolOrAskingTheCritic() {
    RoleModel model =
        new RoleModel()
            .step(RoleModel.lookup("france"))
            .score(0.3)
            .step(RoleModel.lookup("france"))
            .step(RoleModel.answer("Paris"));
    Lookup tool = new Lookup();
    RunResult r = run(model, tool, Bavt.builder().randomSource(NEWEST).build(), Budget.unlimited());

    assertThat(r.answer()).contains("Paris");
    assertThat(tool.calls).hasValue(1);
    assertThat(model.critiqueRequests()).hasSize(1);
    TreeNotes.Tree tree = TreeNotes.read(r.trace()).get(0);
    assertThat(tree.nodes().get(2).status()).isEqualTo("pruned");
    assertThat(tree.nodes().get(2).reason()).isEqualTo("repeated");
    assertThat(tree.nodes().get(2).parent()).isEqualTo(1);
  }

  /**
   * The model never answers by itself and always proposes a new lookup, so every run ends by
   * exhausting a cap; over a grid of caps and seeds, with the expansion cost guard on and off, it
   * never spends beyond any of them and always returns the forced answer. (The answer reserve, 10%
   * of each token cap, must be able to pay for the compact final-answer prompt of about 300 tokens:
   * with a 2,500 total-token cap it cannot, and the run ends within budget but without an answer.)
   */
  @Test
  void neverSpendsBeyondTheBudgetAndAlwaysAnswersWhenItRunsOut() {
    long[] toolCaps = {1, 2, 3, 5, 8};
    long[] outputCaps = {200, 330, 600};
    long[] totalCaps = {0, 6000, 12000};
    int runs = 0;
    for (long tools : toolCaps) {
      for (long out : outputCaps) {
        for (long total : totalCaps) {
          for (int seed = 0; seed < 6; seed++) {
            RoleModel model = new RoleModel();
            int s = seed;
            model.nextScore = i -> ((i + s) % 3 == 0) ? -0.3 : 0.25;
            Budget.Builder b = Budget.builder().toolUnits("lookup", tools).outputTokens(out);
            if (total > 0) b.totalTokens(total);
            Budget budget = b.build();
            boolean guard = seed % 2 == 0; // with and without the expansion cost guard
            Bavt bavt = Bavt.builder().seed(seed).expansionCostGuard(guard).build();
            RunResult r = run(model, new Lookup(), bavt, budget);
            String where = "tools=" + tools + " out=" + out + " total=" + total + " seed=" + seed;
            assertThat(r.toolUnits().getOrDefault("lookup", 0L))
                .as(where)
                .isLessThanOrEqualTo(tools);
            assertThat(r.outputTokens()).as(where).isLessThanOrEqualTo(out);
            if (total > 0) assertThat(r.totalTokens()).as(where).isLessThanOrEqualTo(total);
            assertThat(r.ledger().overshoot()).as(where).isEmpty();
            assertThat(r.stopReason()).as(where).isInstanceOf(StopReason.BudgetExhausted.class);
            assertThat(r.forcedAnswer()).as(where).isTrue();
            assertThat(r.answer()).as(where).contains("forced guess");
            TreeNotes.Tree tree = TreeNotes.read(r.trace()).get(0);
            assertThat(tree.path().forced()).as(where).isTrue();
            runs++;
          }
        }
      }
    }
    assertThat(runs).isEqualTo(270);
  }

  /**
   * Output cap 222 leaves a working budget of 200 (the reserve is 22); each expansion costs 30
   * output tokens (15 for the step, 15 for the critic). After 6 expansions 20 remain: with the
   * guard the search stops there; without it a 7th step runs its tool and then cannot pay the
   * critic.
   */
  @Test
  void theCostGuardStopsBeforeAnExpansionThatCannotBeFinished() {
    Budget budget = Budget.builder().toolUnits("lookup", 20).outputTokens(222).build();
    RunResult guarded =
        run(
            new RoleModel(),
            new Lookup(),
            Bavt.builder().seed(1).expansionCostGuard(true).build(),
            budget);
    RunResult unguarded =
        run(new RoleModel(), new Lookup(), Bavt.builder().seed(1).build(), budget);

    assertThat(guarded.toolUnits()).containsEntry("lookup", 6L);
    assertThat(TreeNotes.read(guarded.trace()).get(0).nodes())
        .extracting(TreeNotes.NodeNote::status)
        .doesNotContain("unscored");
    assertThat(TreeNotes.read(guarded.trace()).get(0).path().why())
        .isEqualTo("too little output tokens left for another expansion");
    assertThat(unguarded.toolUnits()).containsEntry("lookup", 7L);
    assertThat(TreeNotes.read(unguarded.trace()).get(0).nodes())
        .extracting(TreeNotes.NodeNote::status)
        .contains("unscored");
    for (RunResult r : List.of(guarded, unguarded)) {
      assertThat(r.outputTokens()).isLessThanOrEqualTo(222);
      assertThat(r.answer()).contains("forced guess");
    }
  }

  @Test
  void whenEveryBranchIsPrunedItForcesAnAnswerFromTheBestNode() {
    RoleModel model = new RoleModel();
    model.nextScore = i -> -0.5;
    RunResult r =
        run(
            model,
            new Lookup(),
            Bavt.builder().maxChildren(2).build(),
            Budget.builder().toolUnits("lookup", 10).build());

    assertThat(r.answer()).contains("forced guess");
    assertThat(r.forcedAnswer()).isTrue();
    TreeNotes.Tree tree = TreeNotes.read(r.trace()).get(0);
    assertThat(tree.nodes()).hasSize(3);
    assertThat(tree.path().nodes()).containsExactly(0);
    assertThat(tree.path().why()).isEqualTo("every branch was pruned or fully tried");
  }

  @Test
  void theSameSeedGivesTheSameTree() {
    List<List<Integer>> selections = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RoleModel model = new RoleModel();
      model.nextScore = k -> 0.1 + 0.05 * (k % 4);
      RunResult r =
          run(
              model,
              new Lookup(),
              Bavt.builder().seed(11).build(),
              Budget.builder().toolUnits("lookup", 8).build());
      selections.add(
          TreeNotes.read(r.trace()).get(0).selections().stream()
              .map(TreeNotes.SelectNote::node)
              .toList());
    }
    assertThat(selections.get(0)).hasSizeGreaterThan(5).isEqualTo(selections.get(1));
  }

  @Test
  void criticRepliesAreReadLeniently() {
    assertThat(ResidualCritic.score("{\"score\": 0.35}")).isEqualTo(OptionalDouble.of(0.35));
    assertThat(ResidualCritic.score("```json\n{\"score\": -0.5}\n```"))
        .isEqualTo(OptionalDouble.of(-0.5));
    assertThat(ResidualCritic.score("{\"score\": 7}")).isEqualTo(OptionalDouble.of(1.0));
    assertThat(ResidualCritic.score("{\"score\": \"high\"}")).isEmpty();
    assertThat(ResidualCritic.score("no idea")).isEmpty();
    assertThat(ResidualCritic.score(null)).isEmpty();
  }

  @Test
  void theBuilderChecksEachSettingAndTakesItOnce() {
    assertThatThrownBy(() -> Bavt.builder().rootValue(1.5))
        .hasMessageContaining("rootValue must be in [minValue, 1]");
    assertThatThrownBy(() -> Bavt.builder().minRatio(0)).hasMessageContaining("minRatio");
    assertThatThrownBy(() -> Bavt.builder().maxChildren(0)).hasMessageContaining("maxChildren");
    assertThatThrownBy(() -> Bavt.builder().pruneAtOrBelow(1))
        .hasMessageContaining("pruneAtOrBelow");
    assertThatThrownBy(() -> Bavt.builder().seed(1).randomSource(NEWEST))
        .hasMessageContaining("random was already set");
    assertThatThrownBy(() -> Bavt.builder().systemPrompt(" ")).hasMessageContaining("blank");
    assertThat(Bavt.builder().build().rules()).isEqualTo(TreeRules.defaults());
  }
}
