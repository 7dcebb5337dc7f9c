package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.engine.TokenEstimate;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The input estimate of a CJK question to an OpenAI model covers what the provider bills, so a
 * tight input-token cap refuses the call up front instead of being overshot after it.
 */
class InputEstimateTest {
  static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  /**
   * Bills input as OpenAI does for gpt-4o: the o200k tokens of every message plus 3 per message.
   */
  static final class BillsLikeOpenAi implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();

    static long billed(ChatRequest r) {
      long n = 3;
      for (ChatMessage m : r.messages()) n += 3 + O200K.countTokens(TokenEstimate.text(m));
      return n;
    }

    @Override
    public ChatResponse doChat(ChatRequest r) {
      calls.incrementAndGet();
      return ChatResponse.builder()
          .aiMessage(AiMessage.from("<answer>東京</answer>"))
          .tokenUsage(new TokenUsage((int) billed(r), 5))
          .build();
    }
  }

  @Test
  void aCjkQuestionIsEstimatedAtLeastAtWhatTheProviderBills() {
    String question = "東京は日本の首都です。人口は約1400万人で、世界最大級の都市圏を形成しています。".repeat(15) + "首都はどこですか？";
    BillsLikeOpenAi model = new BillsLikeOpenAi();
    // a cap one token short of what the first call bills: it must be refused, not overshot
    long bill = firstBill(question);
    RunResult r =
        Agent.builder()
            .model("gpt-4o-mini", model)
            .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
            .budget(Budget.builder().inputTokens(bill - 1).build())
            .budgetTracker(false)
            .answerReserve(0)
            .build()
            .run(question);

    assertThat(r.ledger().overshoot()).isEmpty();
    assertThat(r.inputTokens()).isLessThanOrEqualTo(bill - 1);
    assertThat(model.calls).hasValue(0);
    assertThat(r.stopReason().describe()).startsWith("budget exhausted: input tokens (the call");
  }

  /** What the first request of this question bills (run once without a cap). */
  static long firstBill(String question) {
    long[] seen = {0};
    ChatModel probe =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest r) {
            if (seen[0] == 0) seen[0] = BillsLikeOpenAi.billed(r);
            return ChatResponse.builder()
                .aiMessage(AiMessage.from("<answer>x</answer>"))
                .tokenUsage(new TokenUsage(1, 1))
                .build();
          }
        };
    Agent.builder()
        .budget(Budget.unlimited())
        .model("gpt-4o-mini", probe)
        .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
        .budgetTracker(false)
        .answerReserve(0)
        .build()
        .run(question);
    return seen[0];
  }
}
