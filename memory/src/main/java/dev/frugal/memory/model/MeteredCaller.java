package dev.frugal.memory.model;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * Calls the memory's models with money held in advance: the input is over-estimated (one token per
 * 2.5 characters plus 16; real tokenisers give about one per 4), the output is capped at the
 * style's allowance, the whole estimate is reserved on the ledger before the call, and the usage
 * the model reports is settled after it. A call that throws releases its reservation. A call the
 * ledger cannot pay for is not made ({@link BudgetExceededException}).
 */
final class MeteredCaller implements ModelCaller {
  private final MemoryModels models;

  MeteredCaller(MemoryModels models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  public MemoryModels models() {
    return models;
  }

  /**
   * The most a call of {@code prompt} on {@code size} in {@code style} can cost (what it holds).
   */
  @Override
  public Spend estimate(ModelSize size, String prompt, PromptStyle style) {
    return Spend.modelCall(
        models.model(size).name(),
        inputTokens(prompt),
        0,
        style.maxOutputTokens(),
        models.prices());
  }

  /**
   * Calls the {@code size} model with {@code prompt}, paid from {@code ledger}.
   *
   * @throws BudgetExceededException when the ledger cannot hold the estimate (nothing was spent)
   */
  @Override
  public Reply call(ModelSize size, String prompt, PromptStyle style, Ledger ledger) {
    var named = models.model(size);
    Spend estimate = estimate(size, prompt, style);
    Reservation r = ledger.reserve(estimate);
    try {
      ChatRequest request =
          ChatRequest.builder()
              .messages(List.of(UserMessage.from(prompt)))
              .maxOutputTokens(style.maxOutputTokens())
              .build();
      ChatResponse response = named.model().chat(request);
      TokenUsage u = response.tokenUsage();
      long in =
          u == null || u.inputTokenCount() == null ? estimate.inputTokens() : u.inputTokenCount();
      long out =
          u == null || u.outputTokenCount() == null
              ? estimate.outputTokens()
              : u.outputTokenCount();
      Spend actual = Spend.modelCall(named.name(), in, 0, out, models.prices());
      r.settle(actual);
      String text = response.aiMessage() == null ? "" : response.aiMessage().text();
      return new Reply(text == null ? "" : text, actual);
    } finally {
      r.close();
    }
  }

  static long inputTokens(String prompt) {
    return (long) Math.ceil(prompt.length() / 2.5) + 16;
  }
}
