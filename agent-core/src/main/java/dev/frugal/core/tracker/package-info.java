/**
 * The Budget Tracker of the BATS paper: regimes by remaining budget, the system-prompt budget
 * section and the status block appended to every tool result, so the model knows what it can still
 * spend.
 */
package dev.frugal.core.tracker;
