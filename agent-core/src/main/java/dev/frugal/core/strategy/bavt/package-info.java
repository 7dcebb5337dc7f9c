/**
 * BAVT, budget-aware value tree search (ALGORITHMS.md section 3): a search tree over agent states
 * scored by a residual critic, with node selection sharpened as the budget runs out.
 */
package dev.frugal.core.strategy.bavt;
