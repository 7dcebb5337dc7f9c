package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetForcingTest {

  static RunResult run(ScriptedChatModel model, BudgetForcing strategy, long units) {
    return Agent.builder()
        .model("m", model)
        .prices(ParallelMajorityTest.PRICES)
        .toolsFrom(new ParallelMajorityTest.Lookup())
        .strategy(strategy)
        .budget(Budget.builder().toolUnits("lookup", units).build())
        .build()
        .run("Capital of France?");
  }

  static String lastUser(dev.langchain4j.model.chat.request.ChatRequest r) {
    List<dev.langchain4j.data.message.ChatMessage> msgs = r.messages();
    return ((UserMessage) msgs.get(msgs.size() - 1)).singleText();
  }

  @Test
  void anEarlyAnswerIsRefusedWhileBudgetRemainsAndAcceptedAfterTheLastRefusal() {
    ScriptedChatModel m =
        new ScriptedChatModel()
            .thenAnswer("Lyon")
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenAnswer("Marseille")
            .thenAnswer("Paris");
    RunResult r = run(m, BudgetForcing.of(ReAct.builder().build(), 2), 10);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(m.requests).hasSize(4);
    assertThat(m.requests.get(1).messages().get(2))
        .isEqualTo(AiMessage.from("<answer>Lyon</answer>"));
    assertThat(lastUser(m.requests.get(1)))
        .startsWith("You still have budget, keep exploring.")
        .endsWith("<budget>Lookup Budget Used: 0, Lookup Budget Remaining: 10</budget>");
    assertThat(lastUser(m.requests.get(3)))
        .endsWith("<budget>Lookup Budget Used: 1, Lookup Budget Remaining: 9</budget>");
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.Note n && n.kind().equals("forcing"))
        .extracting(e -> ((RunEvent.Note) e).text())
        .containsExactly(
            "refused answer Lyon (1 of 2): budget remains",
            "refused answer Marseille (2 of 2): budget remains",
            "answer accepted after 2 refusal(s)");
  }

  @Test
  void theDefaultRefusesFiveTimesAndAnExhaustedToolEndsTheForcing() {
    assertThat(BudgetForcing.withDefaults().maxRefusals()).isEqualTo(5);
    ScriptedChatModel m =
        new ScriptedChatModel()
            .thenAnswer("Lyon")
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenAnswer("Paris"); // forced: the only unit is spent
    RunResult r = run(m, BudgetForcing.withDefaults(), 1);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("lookup")));
    assertThat(m.requests.get(2).toolSpecifications()).isEmpty();
    assertThatThrownBy(() -> BudgetForcing.of(ReAct.builder().build(), -1))
        .hasMessage("maxRefusals must be >= 0, got -1");
  }
}
