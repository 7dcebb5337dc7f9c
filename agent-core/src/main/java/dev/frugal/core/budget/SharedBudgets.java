package dev.frugal.core.budget;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The shared scopes a run draws from, and the {@link BudgetStore} keeping their books. Given to
 * {@code AgentBuilder.sharedBudgets} or {@link Ledger#open(Budget, SharedBudgets)}.
 *
 * <pre>{@code
 * SharedBudgets shared = SharedBudgets.of(store,
 *     BudgetScope.parse("tenant:acme/day", Budget.builder().usd(50).build()),
 *     BudgetScope.parse("user:42/month", Budget.builder().usd(200).build()));
 * }</pre>
 *
 * <p>A scope short of room refuses the reservation like a run's own cap would ({@link
 * BudgetExceededException}, its message naming the scope and window), so the run ends or forces an
 * answer as usual. The Budget Tracker and the sizing of output tokens see the run's own caps only:
 * asking a remote store on every step would cost a round trip per status block.
 *
 * <p><b>The final-answer reserve.</b> An agent run holds its final-answer reserve (the part of its
 * own caps its strategy may not spend, see {@link Ledger#keepInScopes}) against every scope when it
 * starts, so the scope keeps it as the run's own budget does: a run on a nearly spent scope is
 * refused before it spends anything, or gets to answer after its working calls.
 *
 * <p><b>Waiting for room.</b> By default a scope short of room refuses at once. With {@link
 * #waitUpTo(Duration)} a reservation the scopes refuse is tried again (outside the run's lock, with
 * short pauses) until it fits or the wait is over: room held by other runs' calls in flight comes
 * back when they settle, so a burst of runs from one user queues instead of failing. Money already
 * spent in the window never comes back; waiting cannot make a spent scope pay.
 *
 * @param store where the scopes' books live
 * @param scopes at least one scope, ids all different
 * @param maxWait how long one reservation waits for the scopes to have room; zero: refuse at once
 */
public record SharedBudgets(BudgetStore store, List<BudgetScope> scopes, Duration maxWait) {

  /** Checks that there is a store and at least one scope, each appearing once. */
  public SharedBudgets {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "the wait for shared budgets must be zero (refuse at once) or positive, got " + maxWait);
    }
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("shared budgets need at least one scope, got none");
    }
    if (scopes.stream().map(BudgetScope::id).distinct().count() != scopes.size()) {
      throw new IllegalArgumentException(
          "each scope may appear once, got " + scopes.stream().map(BudgetScope::id).toList());
    }
  }

  /** The given scopes, kept in {@code store}, refusing at once when they lack room. */
  public SharedBudgets(BudgetStore store, List<BudgetScope> scopes) {
    this(store, scopes, Duration.ZERO);
  }

  /** The given scopes, kept in {@code store}, refusing at once when they lack room. */
  public static SharedBudgets of(BudgetStore store, BudgetScope... scopes) {
    return new SharedBudgets(store, List.of(scopes));
  }

  /**
   * These scopes, with a reservation they refuse tried again until it fits or {@code wait} has
   * passed (zero, the default: refuse at once).
   */
  public SharedBudgets waitUpTo(Duration wait) {
    return new SharedBudgets(store, scopes, wait);
  }

  BudgetStore.Hold reserve(Spend estimate) {
    return store.reserve(scopes, estimate);
  }

  void record(Spend actual) {
    store.record(scopes, actual);
  }
}
