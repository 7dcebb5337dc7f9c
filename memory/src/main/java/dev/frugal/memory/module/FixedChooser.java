package dev.frugal.memory.module;

import java.util.Set;
import java.util.function.BiFunction;

/** A tier chooser that looks at the module and the allowed tiers only, never at the query. */
final class FixedChooser implements TierChooser {
  private final BiFunction<Module, Set<MemoryTier>, MemoryTier> rule;

  FixedChooser(BiFunction<Module, Set<MemoryTier>, MemoryTier> rule) {
    this.rule = rule;
  }

  @Override
  public MemoryTier choose(Module module, Situation situation, Set<MemoryTier> allowed) {
    return rule.apply(module, allowed);
  }

  @Override
  public boolean readsQueryVector() {
    return false;
  }
}
