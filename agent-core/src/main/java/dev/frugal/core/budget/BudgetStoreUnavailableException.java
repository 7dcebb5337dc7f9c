package dev.frugal.core.budget;

/**
 * A {@link BudgetStore} could not be reached, so a shared scope could not be checked. By default
 * stores fail closed: the reservation is refused and nothing is spent; the run ends with {@code
 * StopReason.BudgetStoreUnavailable}.
 */
public class BudgetStoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The store could not be reached or answered badly; {@code cause} says how. */
  public BudgetStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
