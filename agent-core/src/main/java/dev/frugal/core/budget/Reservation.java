package dev.frugal.core.budget;

/**
 * Budget held for one call, made by {@link Ledger#reserve(Spend)}. Exactly one of {@link
 * #settle(Spend)} (the call happened; record what it really spent) or {@link #release()} (the call
 * failed or was not made; give the budget back) ends it. {@link #close()} releases a reservation
 * that was not settled, so it can be used in try-with-resources.
 */
public interface Reservation extends AutoCloseable {

  /** What was reserved. */
  Spend estimate();

  /**
   * Records the actual spending and returns the held estimate to the ledger. When {@code actual}
   * exceeds the estimate and pushes a cap over its limit, the spending is still recorded in full,
   * and every ledger of the tree refuses every later reservation (see {@link Ledger}). A
   * reservation that {@link Ledger#close()} released because its call was still in flight may still
   * be settled once: its spending is recorded, not lost.
   *
   * @throws IllegalStateException when already settled, or released by {@link #release()}
   */
  void settle(Spend actual);

  /**
   * Gives the held estimate back without spending anything (does nothing when {@link
   * Ledger#close()} already did).
   *
   * @throws IllegalStateException when already settled or released
   */
  void release();

  /**
   * The call was sent but the caller stopped waiting for it (it timed out, or its reply could not
   * be read): the provider may bill it. Its estimate is charged as used, counted as {@link
   * LedgerSnapshot#estimated()}, until a later {@link #settle} replaces it with what was really
   * spent; a later {@link #release} (no usage ever came) keeps the estimate charged.
   *
   * @throws IllegalStateException when already settled, released or abandoned
   */
  default void abandon() {
    settle(estimate());
  }

  /** True until settled or released. */
  boolean isOpen();

  /** Releases the reservation if it is still open; does nothing otherwise. */
  @Override
  void close();
}
