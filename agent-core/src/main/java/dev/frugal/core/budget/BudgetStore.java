package dev.frugal.core.budget;

import java.util.List;

/**
 * Where shared {@link BudgetScope}s keep their books: the SPI behind scopes that many runs, threads
 * or processes draw from. A run's own caps stay in its {@link Ledger}; a ledger opened with {@link
 * SharedBudgets} also holds every reservation against each scope here, settles and releases it
 * here, and is refused when any scope lacks room.
 *
 * <p>Implementations: {@link InProcessBudgetStore} (one JVM) and the Redis store of the {@code
 * budget-redis} module (many processes). Contract: {@link #reserve} checks and holds the estimate
 * against every cap of every scope atomically (all or nothing); a {@link Hold} is ended exactly
 * once by the ledger; a store that cannot be reached throws {@link BudgetStoreUnavailableException}
 * from {@code reserve} unless configured to fail open. {@code settle}, {@code release} and {@code
 * record} never throw for an unreachable store: money already spent is kept and delivered later.
 */
public interface BudgetStore extends AutoCloseable {

  /**
   * Holds {@code estimate} against every cap of every scope in its current window.
   *
   * @throws BudgetExceededException naming the scope and cap that lack room; nothing is held
   * @throws BudgetStoreUnavailableException when the store cannot be reached (fail closed)
   */
  Hold reserve(List<BudgetScope> scopes, Spend estimate);

  /** Records spending that was not reserved (see {@link Ledger#record}). */
  void record(List<BudgetScope> scopes, Spend actual);

  /** The books of {@code scope} in its current window. */
  ScopeView view(BudgetScope scope);

  /**
   * Zeroes what {@code scope} used in its current window; holds of calls in flight stay (they are
   * settled or released as usual).
   */
  void reset(BudgetScope scope);

  /** Where the books live, for messages (e.g. {@code in-process}, {@code redis://host:6379}). */
  String describe();

  /** Frees connections; the default does nothing. */
  @Override
  default void close() {}

  /** One reservation held in the store; the ledger ends it exactly once. */
  interface Hold {
    /** The reservation's id (settles are idempotent by it where the store is remote). */
    String id();

    /** Records what the call really spent and returns the held estimate. */
    void settle(Spend actual);

    /** Returns the held estimate without spending anything. */
    void release();

    /**
     * The run ended with this reservation's call still in flight (its ledger closed): the call may
     * yet be billed. The default gives the estimate back ({@link #release}); a store whose expired
     * holds are charged (Redis) keeps holding it, so a process that ends before the call does is
     * charged the estimate, and a late {@link #settle} still says what was really spent.
     */
    default void outlive() {
      release();
    }
  }
}
