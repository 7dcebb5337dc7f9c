package dev.frugal.core.budget;

/**
 * A run named caps for a shared scope that its store holds lower or lacks: a client may only lower
 * a scope's caps for itself, never raise them. It fails closed like an unreachable store (the run
 * ends with {@code StopReason.BudgetStoreUnavailable}, nothing spent); the message quotes the
 * stored caps and how to change them.
 */
public final class BudgetScopeCapsException extends BudgetStoreUnavailableException {
  private static final long serialVersionUID = 1L;

  /** {@code message} names the scope, its stored caps and the cap the run named. */
  public BudgetScopeCapsException(String message) {
    super(message, null);
  }
}
