package dev.frugal.memory.module;

import java.util.Set;

/**
 * Picks a module's tier before it runs. Fixed tiers, a learned router and a training-time sampler
 * all implement this.
 */
@FunctionalInterface
public interface TierChooser {

  /**
   * The tier {@code module} runs at.
   *
   * @param situation the query and what the pipeline knows so far
   * @param allowed the tiers the per-query cap can still pay for (never empty); a tier outside it
   *     is not run (the module falls back to its free rule-based code)
   */
  MemoryTier choose(Module module, Situation situation, Set<MemoryTier> allowed);

  /**
   * Whether {@link #choose} reads {@link Situation#queryVector}; a chooser that does not (fixed
   * tiers) lets a BM25 memory recall without embedding the query. Default true.
   */
  default boolean readsQueryVector() {
    return true;
  }

  /**
   * What a chooser sees.
   *
   * @param query the query
   * @param queryVector its embedding; null for a chooser that does not read it ({@link
   *     #readsQueryVector})
   * @param state a short text of the pipeline's state before this module (what it has found)
   */
  record Situation(String query, float[] queryVector, String state) {}

  /** The same tier for every module, or the highest allowed one below it when masked. */
  static TierChooser fixed(MemoryTier tier) {
    return new FixedChooser((module, allowed) -> highestAtMost(tier, allowed));
  }

  /** A tier per module (missing modules run LOW), masked like {@link #fixed}. */
  static TierChooser perModule(java.util.Map<Module, MemoryTier> tiers) {
    java.util.Map<Module, MemoryTier> copy = java.util.Map.copyOf(tiers);
    return new FixedChooser(
        (module, allowed) -> highestAtMost(copy.getOrDefault(module, MemoryTier.LOW), allowed));
  }

  /** The highest tier in {@code allowed} not above {@code wanted}, else the lowest allowed. */
  static MemoryTier highestAtMost(MemoryTier wanted, Set<MemoryTier> allowed) {
    for (int i = wanted.ordinal(); i >= 0; i--) {
      MemoryTier t = MemoryTier.values()[i];
      if (allowed.contains(t)) return t;
    }
    for (MemoryTier t : MemoryTier.values()) if (allowed.contains(t)) return t;
    throw new IllegalArgumentException("no tier allowed");
  }
}
