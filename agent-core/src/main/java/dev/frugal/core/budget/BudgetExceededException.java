package dev.frugal.core.budget;

/**
 * A {@link Ledger} refused a reservation: spending it would exceed {@link #cap()}. Nothing was
 * spent.
 */
public final class BudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Cap cap;
  private final transient Refusal refusal;

  /** Creates the exception naming the refusing {@code cap}. */
  public BudgetExceededException(Cap cap, String message) {
    this(cap, message, null);
  }

  /**
   * Creates the exception naming the refusing {@code cap} and, when known, the estimate it refused
   * and what that was made of.
   */
  public BudgetExceededException(Cap cap, String message, Refusal refusal) {
    super(message);
    this.cap = cap;
    this.refusal = refusal;
  }

  /**
   * The refused estimate, what was left of the cap and what the estimate was made of; empty when
   * the refusal was not of one estimate (a closed or frozen ledger).
   */
  public java.util.Optional<Refusal> refusal() {
    return java.util.Optional.ofNullable(refusal);
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
