package dev.frugal.core.budget;

/**
 * A {@link Ledger} refused a reservation: spending it would exceed {@link #cap()}. Nothing was
 * spent.
 */
public final class BudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Cap cap;
  private final transient Refusal refusal;
  private String overshotScope;
  private String refusingScope;

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
    BudgetExceededException e =
        new BudgetExceededException(
            cap, "shared budget " + scopeId + " (" + window + ") refused: " + amounts);
    e.refusingScope = scopeId + " (" + window + ")";
    return e;
  }

  /**
   * A shared scope that already used more than {@code limit} of {@code cap}: a provider billed
   * beyond what was reserved (the scope overshot), so the scope refuses every reservation.
   */
  public static BudgetExceededException overshotInScope(
      String scopeId, String window, Cap cap, long used, long limit) {
    String amounts =
        cap instanceof Cap.Usd
            ? String.format(
                java.util.Locale.ROOT,
                "$%.6f used of $%.6f (USD)",
                Money.usd(used),
                Money.usd(limit))
            : used + " of " + limit + " " + cap.describe() + " used";
    BudgetExceededException e =
        new BudgetExceededException(
            cap,
            "shared budget "
                + scopeId
                + " ("
                + window
                + ") overshot: a provider billed beyond what was reserved, "
                + amounts);
    e.overshotScope = scopeId;
    e.refusingScope = scopeId + " (" + window + ")";
    return e;
  }

  /** The shared scope whose cap a provider's bill pushed over its limit, if that was the cause. */
  public java.util.Optional<String> overshotScope() {
    return java.util.Optional.ofNullable(overshotScope);
  }

  /**
   * The shared scope that refused, with its window, e.g. {@code user:carol (2026-12-05)}; empty
   * when the refusal was the run's own budget.
   */
  public java.util.Optional<String> refusingScope() {
    return java.util.Optional.ofNullable(refusingScope);
  }

  /** The cap that would have been exceeded. */
  public Cap cap() {
    return cap;
  }
}
