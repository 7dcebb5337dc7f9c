/**
 * Money and limits: {@link dev.frugal.core.budget.Budget} caps, the {@link
 * dev.frugal.core.budget.PriceTable}, and the thread-safe {@link dev.frugal.core.budget.Ledger}
 * that reserves before every model or tool call and settles after it, so no run ever spends beyond
 * a cap. Shared scopes ({@link dev.frugal.core.budget.BudgetScope}, e.g. a tenant's daily cap) keep
 * their books in a {@link dev.frugal.core.budget.BudgetStore}: in-process here, Redis in the {@code
 * budget-redis} module.
 */
package dev.frugal.core.budget;
