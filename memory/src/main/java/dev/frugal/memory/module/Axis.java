package dev.frugal.memory.module;

import dev.frugal.memory.model.ModelSize;
import dev.frugal.memory.model.PromptStyle;

/**
 * What the tiers of a module trade off (the paper's three axes).
 *
 * <ul>
 *   <li>{@link #IMPLEMENTATION}: LOW is rule-based code at $0; MID is an embedding-similarity
 *       filter (Filter) or the small model prompted directly (other modules); HIGH is the large
 *       model prompted directly.
 *   <li>{@link #REASONING}: the mid model prompted direct (LOW), chain-of-thought (MID) or
 *       plan-act-reflect (HIGH).
 *   <li>{@link #CAPACITY}: the same direct prompt on the small, mid or large model.
 * </ul>
 */
public enum Axis {
  /** Rules at LOW; the embedding filter or the small model at MID; the large model at HIGH. */
  IMPLEMENTATION,
  /** The mid model, prompted to reason more at each tier. */
  REASONING,
  /** The same direct prompt on a larger model at each tier. */
  CAPACITY;

  /** How {@code module} runs at {@code tier} on this axis. */
  public Implementation implementation(Module module, MemoryTier tier) {
    return switch (this) {
      case IMPLEMENTATION ->
          switch (tier) {
            case LOW -> new Implementation.Rules();
            case MID ->
                module == Module.FILTER
                    ? new Implementation.Embedding()
                    : new Implementation.Model(ModelSize.SMALL, PromptStyle.DIRECT);
            case HIGH -> new Implementation.Model(ModelSize.LARGE, PromptStyle.DIRECT);
          };
      case REASONING ->
          new Implementation.Model(
              ModelSize.MID,
              switch (tier) {
                case LOW -> PromptStyle.DIRECT;
                case MID -> PromptStyle.CHAIN_OF_THOUGHT;
                case HIGH -> PromptStyle.PLAN_ACT_REFLECT;
              });
      case CAPACITY ->
          new Implementation.Model(
              switch (tier) {
                case LOW -> ModelSize.SMALL;
                case MID -> ModelSize.MID;
                case HIGH -> ModelSize.LARGE;
              },
              PromptStyle.DIRECT);
    };
  }

  /** The concrete way a module runs. */
  public sealed interface Implementation {
    /** Rule-based code, free. */
    record Rules() implements Implementation {}

    /** Embedding similarity (in-process model, free). */
    record Embedding() implements Implementation {}

    /** A language-model call, metered. */
    record Model(ModelSize size, PromptStyle style) implements Implementation {}
  }
}
