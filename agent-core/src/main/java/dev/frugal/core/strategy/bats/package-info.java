/**
 * BATS, budget-aware test-time scaling (the BATS paper (arXiv 2511.17006)): planning, ReAct +
 * Budget Tracker attempts, a structured verifier that decides to dig deeper or pivot, and answer
 * selection.
 */
package dev.frugal.core.strategy.bats;
