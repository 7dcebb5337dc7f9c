package dev.frugal.core;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Refusal;

/** Why a run ended. */
public sealed interface StopReason {

  /** A short, human-readable description, as written in traces. */
  String describe();

  /** The model gave its answer. */
  record Answered() implements StopReason {
    @Override
    public String describe() {
      return "answered";
    }
  }

  /**
   * A cap ran out; the answer, if any, was forced from what the model knew. When the run stopped
   * because the budget refused a call, {@code refusal} is that call's estimate, what remained and
   * what the estimate was made of (null when the run stopped because a cap was spent, not refused).
   * {@code scope} names the shared scope and window whose cap refused (null when it was the run's
   * own budget).
   */
  record BudgetExhausted(Cap cap, Refusal refusal, String scope) implements StopReason {
    /** A cap that was spent (no call refused). */
    public BudgetExhausted(Cap cap) {
      this(cap, null, null);
    }

    /** A cap of the run's own budget that refused {@code refusal}. */
    public BudgetExhausted(Cap cap, Refusal refusal) {
      this(cap, refusal, null);
    }

    /** The stop of a run whose call {@code e} refused, with the refusal and scope it carries. */
    public static BudgetExhausted refused(BudgetExceededException e) {
      return new BudgetExhausted(e.cap(), e.refusal().orElse(null), e.refusingScope().orElse(null));
    }

    /** The refused call, when the run stopped on a refusal. */
    public java.util.Optional<Refusal> refused() {
      return java.util.Optional.ofNullable(refusal);
    }

    /** The shared scope (with its window) whose cap refused, when it was not the run's own. */
    public java.util.Optional<String> refusingScope() {
      return java.util.Optional.ofNullable(scope);
    }

    @Override
    public String describe() {
      return "budget exhausted: "
          + cap.describe()
          + (scope == null ? "" : " of shared budget " + scope)
          + (refusal == null ? "" : " (" + refusal.describe() + ")");
    }
  }

  /**
   * A provider billed beyond what was reserved for a call and pushed {@code cap} over its limit.
   * The bill was recorded in full; from then on no further paid call was made in the run (the
   * ledger refuses every reservation), so no final answer was forced either: the answer, if any,
   * came before or with the call that overshot. {@code scope} names the shared scope that overshot
   * (its id), or is null when the run's own cap did.
   */
  record Overshot(Cap cap, String scope) implements StopReason {
    /** The run's own cap overshot. */
    public Overshot(Cap cap) {
      this(cap, null);
    }

    @Override
    public String describe() {
      if (scope != null) {
        return "budget overshot: shared budget "
            + scope
            + ": a provider billed beyond what was reserved, its "
            + cap.describe()
            + " went over its limit; no further paid call was made";
      }
      return "budget overshot: a provider billed beyond what was reserved, "
          + cap.describe()
          + " went over its limit; no further paid call was made (no forced final answer)";
    }
  }

  /** The step limit was reached. */
  record MaxSteps(int steps) implements StopReason {
    @Override
    public String describe() {
      return "max steps reached (" + steps + ")";
    }
  }

  /** A model call failed for good (after retries, or with an error that is not retried). */
  record ModelFailure(String message) implements StopReason {
    @Override
    public String describe() {
      return "model failure: " + message;
    }
  }

  /**
   * The store of a shared budget could not be reached and fails closed: no call was made that the
   * shared scopes could not check.
   */
  record BudgetStoreUnavailable(String message) implements StopReason {
    @Override
    public String describe() {
      return "budget store unavailable: " + message;
    }
  }

  /** The caller cancelled the run. */
  record Cancelled() implements StopReason {
    @Override
    public String describe() {
      return "cancelled";
    }
  }
}
