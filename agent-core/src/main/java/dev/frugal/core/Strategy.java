package dev.frugal.core;

import dev.frugal.core.engine.RunContext;

/**
 * A way of answering a question with model and tool calls: ReAct, BATS, BAVT, ... Strategies make
 * every call through the {@link RunContext}, which meters it against the budget; they never call a
 * model or a tool directly. A strategy may throw {@link
 * dev.frugal.core.budget.BudgetExceededException}, {@link ModelFailureException} or {@link
 * CancelledException} out of {@link #run}; the agent turns them into the matching {@link
 * StopReason}.
 */
public interface Strategy {

  /** A short name for traces and reports, e.g. {@code react+tracker}. */
  String name();

  /** Answers the run's question, making every call through {@code context}. */
  Outcome run(RunContext context);

  /** How a strategy ended: its answer (if any), why, and whether the answer was forced. */
  record Outcome(String answer, StopReason reason, boolean forced) {
    /** An outcome for an answer the model gave on its own. */
    public static Outcome answered(String answer) {
      return new Outcome(answer, new StopReason.Answered(), false);
    }
  }
}
