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

  /**
   * A shared scope's refusal: {@code want} of {@code cap} was asked but only {@code left} of {@code
   * limit} remains in the scope's current window.
   */
  public static BudgetExceededException inScope(
      String scopeId, String window, Cap cap, long want, long left, long limit) {
    String amounts =
        cap instanceof Cap.Usd
            ? String.format(
                java.util.Locale.ROOT,
                "the call may cost $%.6f but only $%.6f of $%.6f (USD) remains",
                Money.usd(want),
                Money.usd(left),
                Money.usd(limit))
            : want
                + " of "
                + cap.describe()
                + " requested but only "
                + left
                + " of "
                + limit
                + " remain";
    return new BudgetExceededException(
        cap, "shared budget " + scopeId + " (" + window + ") refused: " + amounts);
  }

  /** The cap that would have been exceeded. */
  public Cap cap() {
    return cap;
  }
}
