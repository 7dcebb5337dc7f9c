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
 * Issue 16 item 2: BAVT stops by the rule ReAct and the parallel baseline use (any capped tool
 * spent); before, it went on until every tool was spent. The other rule stays available.
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
    return Agent.builder()
        .model("m", model())
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
  void bavtStopsWhenAnyToolIsSpentAsReActDoes() {
    List<String> searched = new ArrayList<>();
    RunResult r = run(Bavt.builder().randomSource(BavtTest.NEWEST).build(), searched);
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
            .stoppingRule(StoppingRule.ALL_TOOLS_SPENT)
            .build(),
        searched);
    assertThat(searched).isNotEmpty();
  }
}
