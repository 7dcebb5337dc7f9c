package dev.frugal.memory.module;

import dev.frugal.core.budget.Spend;
import java.util.Set;

/**
 * How one module ran for one query.
 *
 * @param module the module
 * @param tier the tier chosen, or null when every tier was masked and the rules ran instead
 * @param implementation what actually ran ("rules", "embedding", "SMALL/DIRECT", ...)
 * @param allowed the tiers the per-query cap allowed
 * @param spend what it cost
 * @param note why it fell back to rules, or empty
 */
public record ModuleRun(
    Module module,
    MemoryTier tier,
    String implementation,
    Set<MemoryTier> allowed,
    Spend spend,
    String note) {}
