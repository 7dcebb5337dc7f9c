package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.Lookup;
import dev.frugal.core.OpenAiScript;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tracker.BudgetTracker;
import dev.frugal.core.tracker.Regime;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One stopping rule for every strategy, the parallel baseline's leftover units, a switched-off
 * (zero-capped) tool, and the truncate policy for an overrunning batch.
 */
class FairStoppingAndTrackerEdgesTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();

  @Test
  void theParallelBaselineHandsOutTheLeftoverUnitsSoTheSharesAddUpToTheBudget() {
    Budget b =
        Budget.builder().toolUnits("search", 5).toolUnits("open", 0).outputTokens(10).build();
    long search = 0;
    long out = 0;
    List<Long> shares = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Budget s = ParallelMajority.share(b, 3, i);
      shares.add(s.limit(new Cap.ToolUnits("search")).orElseThrow());
      search += s.limit(new Cap.ToolUnits("search")).orElseThrow();
      out += s.outputTokens().orElseThrow();
      assertThat(s.limit(new Cap.ToolUnits("open")).orElseThrow()).isZero(); // stays off
    }
    assertThat(shares).containsExactly(2L, 2L, 1L);
    assertThat(search).isEqualTo(5);
    assertThat(out).isEqualTo(10);
  }

  static AgentBuilder agent(ScriptedChatModel model, Budget budget, Strategy strategy) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .tool(new OpenAiScript.Search(new ArrayList<>()))
        .budget(budget)
        .strategy(strategy)
        .maxSteps(10);
  }

  @Test
  void aZeroCappedToolIsNotOfferedAndDoesNotMakeTheRegimeCritical() {
    Budget budget = Budget.builder().toolUnits("lookup", 10).toolUnits("search", 0).build();
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("x");
    agent(model, budget, ReAct.builder().build()).build().run("q?");
    ChatRequest first = model.requests.get(0);
    assertThat(first.toolSpecifications())
        .extracting(ToolSpecification::name)
        .containsExactly("lookup");
    String system = first.messages().get(0).toString();
    assertThat(system).contains("Current regime: HIGH").doesNotContain("Query Budget");

    BudgetTracker t = BudgetTracker.withDefaults();
    Ledger l = Ledger.open(budget);
    assertThat(t.regime(l.snapshot())).isEqualTo(Regime.HIGH);
    assertThat(t.remainingFraction(l.snapshot()).orElseThrow()).isEqualTo(1.0);
    assertThat(t.statusBlock(l.snapshot(), s -> s)).doesNotContain("search");
  }

  @Test
  void anOverrunningBatchIsRefusedWholeByDefaultOrTruncatedToTheUnitsLeftSayingWhichRan() {
    Budget budget = Budget.builder().toolUnits("search", 2).build();
    String batch = "{\"queries\": [\"a\", \"b\", \"c\"]}";

    List<String> seen = new ArrayList<>();
    ScriptedChatModel refused = new ScriptedChatModel();
    refused.thenTool("search", batch).thenAnswer("x");
    RunResult whole =
        Agent.builder()
            .model("m", refused)
            .prices(PRICES)
            .tool(new OpenAiScript.Search(seen))
            .budget(budget)
            .build()
            .run("q?");
    assertThat(seen).isEmpty();
    assertThat(whole.toolUnits().getOrDefault("search", 0L)).isZero();
    assertThat(refused.requests.get(1).messages().toString()).contains("not made");

    ScriptedChatModel cut = new ScriptedChatModel();
    cut.thenTool("search", batch).thenAnswer("x");
    RunResult truncated =
        Agent.builder()
            .model("m", cut)
            .prices(PRICES)
            .tool(new OpenAiScript.Search(seen))
            .budget(budget)
            .batchOverrun(BatchOverrun.TRUNCATE)
            .build()
            .run("q?");
    assertThat(seen).containsExactly("a", "b");
    assertThat(truncated.toolUnits().get("search")).isEqualTo(2L);
    assertThat(cut.requests.get(1).messages().toString())
        .contains(
            "only the first 2 of 3 elements of 'queries' ran: [\"a\", \"b\"]; not run: [\"c\"]");
  }

  @Test
  void theTotalRuleStopsWhenAllToolsTogetherReachTheLargestCap() {
    Budget budget = Budget.builder().toolUnits("lookup", 3).toolUnits("search", 3).build();
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenTool("search", "{\"queries\": [\"q1\"]}")
            .thenTool("search", "{\"queries\": [\"q2\"]}")
            .thenAnswer("forced");
    ReAct react = ReAct.builder().stoppingRule(StoppingRule.TOTAL_SPENT).build();
    RunResult r = agent(model, budget, react).build().run("q?");

    // 3 calls in all: the total of 3 is spent although neither tool is
    assertThat(r.stopReason())
        .isEqualTo(new dev.frugal.core.StopReason.BudgetExhausted(new Cap.ToolUnits("search")));
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(model.requests).hasSize(4);
    assertThat(ParallelMajority.of(3, react).name()).isEqualTo("parallel-majority-total");
  }
}
