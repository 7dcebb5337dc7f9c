/**
 * The BudgetMem module pipeline: Filter, then Entity, Temporal and Topic extraction (each reads
 * only the Filter's evidence, so they are independent of one another), then Summary, a knowledge
 * summary for the answering model that never answers itself. Each module has LOW, MID and HIGH
 * tiers along one {@link dev.frugal.memory.module.Axis}; the rule-based implementations here cost
 * nothing, the model-based ones are metered by a {@link dev.frugal.memory.model.ModelCaller}.
 */
package dev.frugal.memory.module;
