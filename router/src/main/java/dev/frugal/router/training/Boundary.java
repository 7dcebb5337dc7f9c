package dev.frugal.router.training;

import java.util.List;

/**
 * A training question's boundary runs: K rollouts of always-SMALL and K of always-LARGE, and the
 * class they put it in when a policy needs {@code threshold} successes to count as succeeding.
 */
public record Boundary(String questionId, List<Rollout> small, List<Rollout> large, int threshold) {
  /** Copies the rollouts. */
  public Boundary {
    small = List.copyOf(small);
    large = List.copyOf(large);
  }

  /** How many always-SMALL rollouts succeeded. */
  public int smallSuccesses() {
    return (int) small.stream().filter(Rollout::success).count();
  }

  /** How many always-LARGE rollouts succeeded. */
  public int largeSuccesses() {
    return (int) large.stream().filter(Rollout::success).count();
  }

  /** The question's class (see {@link BoundaryClass}). */
  public BoundaryClass boundaryClass() {
    return BoundaryClass.of(smallSuccesses(), largeSuccesses(), threshold);
  }

  /** Mean unified cost of always-SMALL ({@code C_small}). */
  public double smallUsd() {
    return small.stream().mapToDouble(Rollout::usd).average().orElse(0);
  }

  /** Mean unified cost of always-LARGE ({@code C_large}). */
  public double largeUsd() {
    return large.stream().mapToDouble(Rollout::usd).average().orElse(0);
  }

  /** Mean LARGE calls of always-LARGE. */
  public double largeCalls() {
    return large.stream().mapToInt(Rollout::largeCalls).average().orElse(0);
  }
}
