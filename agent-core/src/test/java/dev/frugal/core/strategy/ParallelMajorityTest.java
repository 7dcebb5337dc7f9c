package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.Lookup;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.internal.AnswerVote;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelMajorityTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();

  @Test
  void independentSamplesShareTheBudgetAndTheMajorityAnswerWins() {
    Lookup tool = new Lookup();
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"x\"}")
            .thenAnswer("Paris")
            .thenTool("lookup", "{\"word\": \"x\"}")
            .thenAnswer("Lyon")
            .thenAnswer("paris.");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tool)
            .strategy(ParallelMajority.of(3))
            .budget(Budget.builder().toolUnits("lookup", 6).build())
            .build()
            .run("Capital of France?");

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(model.requests).allSatisfy(req -> assertThat(req.temperature()).isEqualTo(1.0));
    // the same call in another sample is that sample's own first call: run and charged again
    assertThat(tool.calls).hasValue(2);
    assertThat(r.toolUnits()).containsEntry("lookup", 2L);
    // each sample's status block shows its own share: 6 / 3 = 2 units
    ToolExecutionResultMessage seen =
        (ToolExecutionResultMessage) model.requests.get(1).messages().get(3);
    assertThat(seen.text())
        .endsWith("<budget>Lookup Budget Used: 1, Lookup Budget Remaining: 1</budget>");
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.Note n && n.kind().equals("vote"))
        .singleElement()
        .satisfies(e -> assertThat(((RunEvent.Note) e).text()).isEqualTo("{Paris=2, Lyon=1}"));
  }

  @Test
  void aSampleNeverSpendsMoreThanItsShare() {
    ScriptedChatModel model = new ScriptedChatModel().toolCallsUntilForced(12, "lookup", "guess");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(new Lookup())
            .strategy(ParallelMajority.of(2))
            .budget(Budget.builder().toolUnits("lookup", 5).build())
            .build()
            .run("q?");
    // two samples of 3 and 2 units: the leftover unit of 5 / 2 is handed out, none is lost
    assertThat(r.toolUnits()).containsEntry("lookup", 5L);
    assertThat(r.answer()).contains("guess");
  }

  @Test
  void withAnExecutorTheSamplesRunAtOnceAndStillShareOneBudget() throws Exception {
    int samples = 3;
    java.util.concurrent.CyclicBarrier allAtOnce = new java.util.concurrent.CyclicBarrier(samples);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    dev.langchain4j.model.chat.ChatModel model =
        new dev.langchain4j.model.chat.ChatModel() {
          @Override
          public dev.langchain4j.model.chat.response.ChatResponse doChat(
              dev.langchain4j.model.chat.request.ChatRequest request) {
            if (calls.incrementAndGet() <= samples) {
              try { // the first call of each sample waits until all three are in flight
                allAtOnce.await(20, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("the samples did not run at the same time", e);
              }
            }
            return dev.langchain4j.model.chat.response.ChatResponse.builder()
                .aiMessage(dev.langchain4j.data.message.AiMessage.from("<answer>Paris</answer>"))
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(10, 5))
                .build();
          }
        };
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(samples);
    try {
      RunResult r =
          Agent.builder()
              .model("m", model)
              .prices(PRICES)
              .strategy(ParallelMajority.of(samples))
              .executor(pool)
              .budget(Budget.builder().modelCalls("m", 4).build())
              .build()
              .run("Capital of France?");
      assertThat(r.answer()).contains("Paris");
      assertThat(r.modelCalls()).containsEntry("m", 3L);
      assertThat(r.inputTokens()).isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void votesGroupEquivalentAnswers() {
    assertThat(AnswerVote.key("The  Eiffel-Tower!")).isEqualTo("eiffel tower");
    assertThat(AnswerVote.majority(List.of("Zürich", "zurich", "Bern"))).contains("Zürich");
    assertThat(AnswerVote.majority(List.of("a1", "b2"))).contains("a1");
    assertThat(AnswerVote.majority(List.of())).isEmpty();
  }
}
