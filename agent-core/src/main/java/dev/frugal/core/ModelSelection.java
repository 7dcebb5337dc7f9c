package dev.frugal.core;

import dev.frugal.core.budget.LedgerSnapshot;
import java.util.function.Supplier;

/**
 * What a {@link ModelSelector} sees when it picks the model for one call: the run, the question,
 * the step, why the call is made ({@code step}, {@code final}, or a strategy's own purpose such as
 * {@code verify}) and the run's budget with what it has spent so far (taken when first asked for).
 */
public final class ModelSelection {
  private final String runId;
  private final String question;
  private final int step;
  private final String purpose;
  private final Supplier<LedgerSnapshot> budget;
  private LedgerSnapshot snapshot;

  public ModelSelection(
      String runId, String question, int step, String purpose, Supplier<LedgerSnapshot> budget) {
    this.runId = runId;
    this.question = question;
    this.step = step;
    this.purpose = purpose;
    this.budget = budget;
  }

  public String runId() {
    return runId;
  }

  public String question() {
    return question;
  }

  public int step() {
    return step;
  }

  public String purpose() {
    return purpose;
  }

  /** The run's whole budget and its spending at the moment of the call. */
  public LedgerSnapshot budget() {
    if (snapshot == null) snapshot = budget.get();
    return snapshot;
  }
}
