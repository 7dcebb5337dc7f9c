package dev.frugal.memory.model;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Spend;

/**
 * How the memory's model-based tiers reach a model, always metered on a {@link Ledger}: {@link
 * #metered} calls the memory's own small / mid / large models and meters them itself; {@link
 * RunModelCaller} sends every call through a run's metering ({@code RunContext.chat}), so page
 * memory in an agent loop is paid, traced and broken down like the agent's own calls.
 */
public interface ModelCaller {

  /** A reply and what it cost. */
  record Reply(String text, Spend spend) {}

  /**
   * The most a call of {@code prompt} on {@code size} in {@code style} can cost: the pipeline masks
   * a tier whose estimate the ledger cannot hold.
   */
  Spend estimate(ModelSize size, String prompt, PromptStyle style);

  /**
   * Calls the {@code size} model with {@code prompt}, paid from {@code ledger}.
   *
   * @throws BudgetExceededException when the ledger cannot pay for the call (nothing was spent)
   */
  Reply call(ModelSize size, String prompt, PromptStyle style, Ledger ledger);

  /**
   * A caller of the memory's own {@code models} that meters every call itself: the over-estimated
   * cost is reserved on the ledger before the call and the reported usage settled after it; a call
   * that throws releases its reservation, and a call the ledger cannot pay for is not made.
   */
  static ModelCaller metered(MemoryModels models) {
    return new MeteredCaller(models);
  }
}
