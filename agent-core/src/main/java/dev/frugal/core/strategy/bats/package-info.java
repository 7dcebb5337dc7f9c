/**
 * BATS, budget-aware test-time scaling (BATS paper, ALGORITHMS section 2): planning, ReAct + Budget
 * Tracker attempts, a structured verifier that decides to dig deeper or pivot, and answer
 * selection.
 */
package dev.frugal.core.strategy.bats;
