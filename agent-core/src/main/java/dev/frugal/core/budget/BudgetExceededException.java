package dev.frugal.core.budget;

/**
 * A {@link Ledger} refused a reservation: spending it would exceed {@link #cap()}. Nothing was
 * spent.
 */
public final class BudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Cap cap;

  /** Creates the exception naming the refusing {@code cap}. */
  public BudgetExceededException(Cap cap, String message) {
    super(message);
    this.cap = cap;
  }

  /** The cap that would have been exceeded. */
  public Cap cap() {
    return cap;
  }
}
