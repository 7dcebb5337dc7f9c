package dev.frugal.core;

import dev.frugal.core.budget.LedgerSnapshot;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a {@link ModelSelector} sees when it picks the model for one call: the run, the question,
 * the step, why the call is made ({@code step}, {@code final}, or a strategy's own purpose such as
 * {@code verify}), the run's budget with what it has spent so far (taken when first asked for),
 * what the run's tool calls did so far ({@link RunActivity}) and whether the ledger this call will
 * be charged to can still pay for a call of a given model.
 */
public final class ModelSelection {
  private final String runId;
  private final String question;
  private final int step;
  private final String purpose;
  private final Supplier<LedgerSnapshot> budget;
  private final RunActivity activity;
  private final Predicate<String> affordable;
  private final Predicate<String> affordableInFull;
  private LedgerSnapshot snapshot;

  /** A selection with no activity recorded and every model assumed affordable. */
  public ModelSelection(
      String runId, String question, int step, String purpose, Supplier<LedgerSnapshot> budget) {
    this(runId, question, step, purpose, budget, RunActivity.NONE, model -> true);
  }

  /**
   * @param activity what the run's tool calls did so far
   * @param affordable whether the ledger this call is charged to can now pay for the smallest call
   *     the engine would make to the named model (its estimated input plus the minimum output)
   */
  public ModelSelection(
      String runId,
      String question,
      int step,
      String purpose,
      Supplier<LedgerSnapshot> budget,
      RunActivity activity,
      Predicate<String> affordable) {
    this(runId, question, step, purpose, budget, activity, affordable, affordable);
  }

  /**
   * @param activity what the run's tool calls did so far
   * @param affordable whether the ledger this call is charged to can now pay for the smallest call
   *     the engine would make to the named model (its estimated input plus the minimum output)
   * @param affordableInFull whether it can pay for the call with its full output allowance (the
   *     request's {@code maxOutputTokens}, or the agent's default), so that the reply is not cut
   */
  public ModelSelection(
      String runId,
      String question,
      int step,
      String purpose,
      Supplier<LedgerSnapshot> budget,
      RunActivity activity,
      Predicate<String> affordable,
      Predicate<String> affordableInFull) {
    this.runId = runId;
    this.question = question;
    this.step = step;
    this.purpose = purpose;
    this.budget = budget;
    this.activity = java.util.Objects.requireNonNull(activity, "activity");
    this.affordable = java.util.Objects.requireNonNull(affordable, "affordable");
    this.affordableInFull = java.util.Objects.requireNonNull(affordableInFull, "affordableInFull");
  }

  /** The id of the run. */
  public String runId() {
    return runId;
  }

  /** The run's question. */
  public String question() {
    return question;
  }

  /** The step the call belongs to (0 before the first). */
  public int step() {
    return step;
  }

  /** What the call is for, e.g. {@code step} or {@code final}. */
  public String purpose() {
    return purpose;
  }

  /** The run's whole budget and its spending at the moment of the call. */
  public LedgerSnapshot budget() {
    if (snapshot == null) snapshot = budget.get();
    return snapshot;
  }

  /** What the run's tool calls did so far, and its latest strategy note. */
  public RunActivity activity() {
    return activity;
  }

  /**
   * True when the ledger this call will be charged to (with its ancestors) can now pay for this
   * call made to {@code model}: the request's estimated input tokens and the engine's minimum
   * output, against every cap (dollars, tokens, calls of that model). A selector that only picks
   * affordable models is never refused by the ledger, except when a concurrent call of the same run
   * takes the room first.
   */
  public boolean affordable(String model) {
    return affordable.test(model);
  }

  /**
   * True when the ledger this call will be charged to can pay for this call made to {@code model}
   * with its full output allowance (the request's {@code maxOutputTokens}, or the agent's default
   * when the request sets none), so that the engine would not have to lower the allowance and cut
   * the reply short. A selector that prefers an expensive model only when this holds never buys a
   * crippled reply from it (docs/architecture.md). Selections built without this predicate use
   * {@link #affordable}.
   */
  public boolean affordableInFull(String model) {
    return affordableInFull.test(model);
  }
}
