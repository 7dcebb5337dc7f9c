package dev.frugal.memory.model;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.engine.RunContext;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;

/**
 * Sends the memory's model calls through an agent run's own metering, {@link
 * RunContext#chat(String, ChatRequest, Ledger)}: the agent's model selector picks the model (so
 * every {@link ModelSize} is the agent's model unless its selector routes the purpose elsewhere),
 * the engine reserves before the call, settles the reported usage after it and releases on failure,
 * and the call shows in the run's trace (a {@code ModelCalled} event with this caller's purpose)
 * and cost breakdown.
 *
 * <p>The reply's {@link Reply#spend()} is what the engine booked on {@code ledger} for the call,
 * read from the ledger itself, so pass a ledger only this caller spends from while it runs (the
 * memory's own per-query child ledger).
 */
public final class RunModelCaller implements ModelCaller {
  private final RunContext run;
  private final String purpose;
  private final String model;
  private final PriceTable prices;

  /**
   * @param run the run whose metering the calls go through
   * @param purpose the purpose the trace shows, e.g. {@code page-memory}
   * @param model the model the agent's selector gives this purpose, for the estimates the pipeline
   *     masks unaffordable tiers with
   * @param prices the price table pricing {@code model}
   */
  public RunModelCaller(RunContext run, String purpose, String model, PriceTable prices) {
    this.run = Objects.requireNonNull(run, "run");
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    this.model = Objects.requireNonNull(model, "model");
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  @Override
  public Spend estimate(ModelSize size, String prompt, PromptStyle style) {
    return Spend.modelCall(
        model, MeteredCaller.inputTokens(prompt), 0, style.maxOutputTokens(), prices);
  }

  /**
   * {@inheritDoc}
   *
   * @throws BudgetExceededException when the engine refuses the call (nothing was spent)
   */
  @Override
  public Reply call(ModelSize size, String prompt, PromptStyle style, Ledger ledger) {
    ChatRequest request =
        ChatRequest.builder()
            .messages(List.of(UserMessage.from(prompt)))
            .maxOutputTokens(style.maxOutputTokens())
            .build();
    Spend before = ledger.snapshot().used();
    ChatResponse response = run.chat(purpose, request, ledger);
    Spend spent = ledger.snapshot().used().minus(before);
    String text = response.aiMessage() == null ? "" : response.aiMessage().text();
    return new Reply(text == null ? "" : text, spent);
  }
}
