package dev.frugal.budget.redis;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.SharedBudgets;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One client process of {@link CrashedBooksTest}: a run drawing from one shared scope through
 * Redis, whose single model call goes to a fake provider (an in-process {@link ChatModel}) that
 * answers only once the test creates the go file, billing {@link #BILLED_IN} input and {@link
 * #BILLED_OUT} output tokens. It prints {@code calling} when the call is sent (its reservation is
 * then held in Redis) and {@code ended STOP-REASON undelivered=N} after the run.
 */
public final class SlowCallWorker {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).build();
  static final int BILLED_IN = 1000;
  static final int BILLED_OUT = 50;

  static BudgetScope scope() {
    return BudgetScope.parse("tenant:crash/day", Budget.builder().usd(1).build());
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    Path journal = Path.of(args[2]);
    Path go = Path.of(args[3]);
    long leaseMs = Long.parseLong(args[4]);
    RedisBudgetStore store =
        RedisBudgetStore.builder()
            .url(url)
            .prefix(prefix)
            .journal(journal)
            .leaseTtl(Duration.ofMillis(leaseMs))
            .timeout(Duration.ofMillis(300))
            .build();
    ChatModel provider =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            System.out.println("calling");
            System.out.flush();
            while (!Files.exists(go)) {
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            }
            return ChatResponse.builder()
                .aiMessage(AiMessage.from("<answer>Paris</answer>"))
                .tokenUsage(new TokenUsage(BILLED_IN, BILLED_OUT))
                .build();
          }
        };
    Agent agent =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", provider)
            .prices(PRICES)
            .modelTimeout(Duration.ofMinutes(2))
            .sharedBudgets(SharedBudgets.of(store, scope()))
            .build();
    RunResult r = agent.run("What is the capital of France?");
    store.close();
    System.out.println(
        "ended " + r.stopReason().describe() + " undelivered=" + store.undelivered());
  }
}
