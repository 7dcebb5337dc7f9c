/**
 * Money and limits: {@link dev.frugal.core.budget.Budget} caps, the {@link
 * dev.frugal.core.budget.PriceTable}, and the thread-safe {@link dev.frugal.core.budget.Ledger}
 * that reserves before every model or tool call and settles after it, so no run ever spends beyond
 * a cap. Shared scopes ({@link dev.frugal.core.budget.BudgetScope}, e.g. a tenant's daily cap) keep
 * their books in a {@link dev.frugal.core.budget.BudgetStore}: in-process here, Redis in the {@code
 * budget-redis} module. The {@link dev.frugal.core.budget.PriceCatalog} is a dated list of
 * published model prices, used only when asked for; a {@link dev.frugal.core.budget.Refusal} says
 * what a refused call would have cost and what the estimate was made of.
 */
package dev.frugal.core.budget;
