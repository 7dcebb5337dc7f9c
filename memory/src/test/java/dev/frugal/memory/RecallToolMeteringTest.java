package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

/**
 * {@link RecallTool} added with {@code addTo}: the memory's model calls (a simulated echoing model)
 * are paid from the run's budget, so the run's cost includes them and one dollar cap holds over the
 * agent's calls and the memory's together.
 */
class RecallToolMeteringTest {
  static final String QUESTION = "What does Tom do at his new job?";

  /** A simulated agent model: asks {@code recall} once, then answers; 100 in / 5 out tokens. */
  static final class Agentish implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      boolean recalled =
          request.messages().stream().anyMatch(ToolExecutionResultMessage.class::isInstance);
      AiMessage reply =
          recalled
              ? AiMessage.from("<answer>he codes</answer>")
              : AiMessage.from(
                  ToolExecutionRequest.builder()
                      .id("c1")
                      .name("recall")
                      .arguments("{\"query\": \"" + QUESTION + "\"}")
                      .build());
      return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(100, 5)).build();
    }
  }

  static Memory memory() {
    return Memory.builder()
        .history(Conversations.small())
        .models(MemoryTest.models(new EchoingMemoryModel(false)))
        .tiers(TierChooser.fixed(MemoryTier.HIGH))
        .build();
  }

  static Agent agent(Budget budget) {
    RecallTool recall = new RecallTool(memory());
    return recall
        .addTo(
            Agent.builder()
                .model("agent", new Agentish())
                .prices(
                    PriceTable.builder()
                        .model("agent", ModelPrice.of(1, 2))
                        .tool(RecallTool.NAME, 0)
                        .build())
                .budgetTracker(false)
                .budget(budget))
        .build();
  }

  /** What one recall at HIGH costs on its own (the same deterministic simulated calls). */
  static double recallUsd() {
    try (Ledger own = Ledger.open(Budget.unlimited())) {
      return memory().recall(QUESTION, own).usd();
    }
  }

  @Test
  void aRunsCostIncludesWhatItsRecallSpent() {
    RunResult r = agent(Budget.builder().usd(1).build()).run(QUESTION);

    double agentUsd = 2 * (100 * 1 + 5 * 2) / 1e6;
    assertThat(recallUsd()).isPositive();
    assertThat(r.answer()).contains("he codes");
    assertThat(r.toolUnits()).containsEntry(RecallTool.NAME, 1L);
    assertThat(r.usd()).isCloseTo(agentUsd + recallUsd(), within(1e-9));
  }

  @Test
  void oneDollarCapHoldsOverTheAgentAndItsMemory() {
    double agentUsd = 2 * (100 * 1 + 5 * 2) / 1e6;
    double cap = agentUsd + recallUsd() / 2; // room for the agent, not for a whole HIGH recall
    RunResult r = agent(Budget.builder().usd(cap).build()).run(QUESTION);

    assertThat(r.usd()).isLessThanOrEqualTo(cap);
  }
}
