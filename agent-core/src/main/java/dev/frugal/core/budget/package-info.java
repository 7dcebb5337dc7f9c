/**
 * Money and limits: {@link dev.frugal.core.budget.Budget} caps, the {@link
 * dev.frugal.core.budget.PriceTable}, and the thread-safe {@link dev.frugal.core.budget.Ledger}
 * that reserves before every model or tool call and settles after it, so no run ever spends beyond
 * a cap.
 */
package dev.frugal.core.budget;
