package dev.frugal.core.strategy.bavt;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Where a run's selection draws come from: one generator per run, so that a strategy instance can
 * serve concurrent runs and a seeded source makes every selection reproducible.
 */
@FunctionalInterface
public interface RandomSource {

  /** The generator for one run on {@code question}. */
  RandomGenerator forRun(String question);

  /**
   * A generator derived from {@code seed} and the question, so the same seed and question always
   * draw the same selections, whatever runs before or beside them.
   */
  static RandomSource seeded(long seed) {
    return question -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ question.hashCode());
  }
}
