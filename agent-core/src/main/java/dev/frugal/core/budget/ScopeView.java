package dev.frugal.core.budget;

/**
 * The books of one shared scope in one window, as a {@link BudgetStore} holds them now: used,
 * reserved by calls in flight, and (through {@link LedgerSnapshot#remaining}) what is left.
 *
 * @param scope the scope, with the caps it was viewed with
 * @param window the window's label, e.g. {@code 2026-11-30}
 * @param books used and reserved amounts against the scope's caps
 */
public record ScopeView(BudgetScope scope, String window, LedgerSnapshot books) {}
