/**
 * BAVT, budget-aware value tree search (the BAVT paper (arXiv 2603.12634)): a search tree over
 * agent states scored by a residual critic, with node selection sharpened as the budget runs out.
 */
package dev.frugal.core.strategy.bavt;
