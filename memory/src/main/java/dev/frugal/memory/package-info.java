/**
 * BudgetMem: query-aware runtime memory with LOW/MID/HIGH module tiers and a learned tier router.
 * Arrives with the memory issue; empty until then.
 */
package dev.frugal.memory;
