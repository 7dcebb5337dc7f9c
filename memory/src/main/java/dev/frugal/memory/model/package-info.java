/**
 * The language models the MID and HIGH tiers call, and the metering every call goes through: an
 * estimate is reserved on a {@link dev.frugal.core.budget.Ledger} (a child of the run's, so memory
 * spending is part of the run's budget), the call's output is capped at what was reserved, the
 * reported usage is settled, and a failed call releases its reservation.
 */
package dev.frugal.memory.model;
