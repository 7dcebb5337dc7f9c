package dev.frugal.core.strategy.bavt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.OpenAiScript;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.strategy.StoppingRule;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BAVT stops by the rule ReAct and the parallel baseline use (any capped tool spent); before, it
 * went on until every tool was spent. The other rule stays available.
 */
class BavtStoppingTest {
  static final Budget BUDGET =
      Budget.builder().toolUnits("lookup", 1).toolUnits("search", 5).build();

  /** Lookup first, then searches with new queries; never answers on its own. */
  static RoleModel model() {
    RoleModel m = new RoleModel();
    m.nextStep =
        i ->
            i == 0
                ? RoleModel.lookup("w0")
                : AiMessage.from(
                    ToolExecutionRequest.builder()
                        .id("s" + i)
                        .name("search")
                        .arguments("{\"queries\": [\"q" + i + "\"]}")
                        .build());
    m.nextScore = i -> 0.3;
    return m;
  }

  static RunResult run(Bavt bavt, List<String> searched) {
    return run(bavt, searched, model());
  }

  static RunResult run(Bavt bavt, List<String> searched, RoleModel model) {
    return Agent.builder()
        .model("m", model)
        .prices(BavtTest.PRICES)
        .toolsFrom(new BavtTest.Lookup())
        .tool(new OpenAiScript.Search(searched))
        .strategy(bavt)
        .budget(BUDGET)
        .maxSteps(8)
        .build()
        .run("What is the capital of France?");
  }

  @Test
  void byDefaultOneTotalToolCallBudgetDrivesTheRatioAndStopsTheSearch() {
    List<String> searched = new ArrayList<>();
    RoleModel m = model();
    Bavt bavt = Bavt.builder().randomSource(BavtTest.NEWEST).build();
    RunResult r = run(bavt, searched, m);

    assertThat(bavt.name()).isEqualTo("bavt");
    // the total is the largest tool cap, 5 calls, shared: 1 lookup and 4 searches
    assertThat(r.toolUnits()).containsEntry("lookup", 1L).containsEntry("search", 4L);
    assertThat(searched).hasSize(4);
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("search")));
    assertThat(r.forcedAnswer()).isTrue();
    // r = calls left of the total: 5/5, 4/5, 3/5, 2/5, 1/5 (pooled per-tool caps: 5/6 after one)
    assertThat(TreeNotes.read(r.trace()).get(0).selections())
        .extracting(TreeNotes.SelectNote::r)
        .containsExactly(1.0, 0.8, 0.6, 0.4, 0.2);
    // the critic's reply is bounded
    assertThat(m.critiqueRequests())
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.maxOutputTokens()).isEqualTo(64));
  }

  @Test
  void callsOfOneStepBeyondTheTotalAreRefusedWithoutRunning() {
    List<String> searched = new ArrayList<>();
    RoleModel m = new RoleModel();
    m.nextStep =
        i ->
            AiMessage.from(
                ToolExecutionRequest.builder()
                    .id("a" + i)
                    .name("search")
                    .arguments("{\"queries\": [\"x" + i + "\"]}")
                    .build(),
                ToolExecutionRequest.builder()
                    .id("b" + i)
                    .name("search")
                    .arguments("{\"queries\": [\"y" + i + "\"]}")
                    .build(),
                ToolExecutionRequest.builder()
                    .id("c" + i)
                    .name("search")
                    .arguments("{\"queries\": [\"z" + i + "\"]}")
                    .build());
    m.nextScore = i -> 0.3;
    RunResult r = run(Bavt.builder().randomSource(BavtTest.NEWEST).build(), searched, m);

    // 3 calls, then 2 of the next 3 (the third is beyond the total of 5)
    assertThat(searched).containsExactly("x0", "y0", "z0", "x1", "y1");
    assertThat(r.toolUnits()).containsEntry("search", 5L);
    assertThat(m.critiqueRequests().get(1).messages().toString()).contains(Bavt.TOTAL_REFUSED);
  }

  @Test
  void thePerToolFormStopsWhenAnyToolIsSpentAsReActDoes() {
    List<String> searched = new ArrayList<>();
    Bavt perTool =
        Bavt.builder()
            .randomSource(BavtTest.NEWEST)
            .toolPooling(RemainingRatio.ToolPooling.POOLED)
            .build();
    RunResult r = run(perTool, searched);
    assertThat(perTool.name()).isEqualTo("bavt-per-tool");
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("lookup")));
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(searched).isEmpty();
  }

  @Test
  void theAllToolsSpentRuleIsADeclaredAlternative() {
    List<String> searched = new ArrayList<>();
    run(
        Bavt.builder()
            .randomSource(BavtTest.NEWEST)
            .toolPooling(RemainingRatio.ToolPooling.POOLED)
            .stoppingRule(StoppingRule.ALL_TOOLS_SPENT)
            .build(),
        searched);
    assertThat(searched).isNotEmpty();
  }
}
