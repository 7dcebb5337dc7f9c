package dev.frugal.core.budget;

import java.util.List;
import java.util.Objects;

/**
 * The shared scopes a run draws from, and the {@link BudgetStore} keeping their books. Given to
 * {@code Agent.Builder.sharedBudgets} or {@link Ledger#open(Budget, SharedBudgets)}.
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
 * @param store where the scopes' books live
 * @param scopes at least one scope, ids all different
 */
public record SharedBudgets(BudgetStore store, List<BudgetScope> scopes) {

  /** Checks that there is a store and at least one scope, each appearing once. */
  public SharedBudgets {
    Objects.requireNonNull(store, "store");
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("shared budgets need at least one scope, got none");
    }
    if (scopes.stream().map(BudgetScope::id).distinct().count() != scopes.size()) {
      throw new IllegalArgumentException(
          "each scope may appear once, got " + scopes.stream().map(BudgetScope::id).toList());
    }
  }

  /** The given scopes, kept in {@code store}. */
  public static SharedBudgets of(BudgetStore store, BudgetScope... scopes) {
    return new SharedBudgets(store, List.of(scopes));
  }

  BudgetStore.Hold reserve(Spend estimate) {
    return store.reserve(scopes, estimate);
  }

  void record(Spend actual) {
    store.record(scopes, actual);
  }
}
