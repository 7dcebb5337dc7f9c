package dev.frugal.router.training;

/**
 * The boundary-relative reward of BoPO: {@code success + r_hard - lambda * C_norm}, where {@code
 * r_hard} is a bonus paid only for solving a HARD question [choice: {@code hardBonus}, default
 * 0.5], and {@code C_norm = clip((C - C_small) / (C_large - C_small), 0, 1)} [choice] places the
 * run's cost between the question's always-SMALL and always-LARGE costs (0 when those are equal and
 * the run costs no more than always-SMALL, else 1).
 */
public record BoPOReward(double lambda, double hardBonus) {
  /** Checks that lambda and the bonus are finite and non-negative. */
  public BoPOReward {
    if (!(lambda >= 0 && Double.isFinite(lambda)))
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    if (!(hardBonus >= 0 && Double.isFinite(hardBonus)))
      throw new IllegalArgumentException("hardBonus must be >= 0, got " + hardBonus);
  }

  /** The reward of {@code r} on the question whose boundary is {@code b}. */
  public double of(Rollout r, Boundary b) {
    double s = r.success() ? 1 : 0;
    double bonus = r.success() && b.boundaryClass() == BoundaryClass.HARD ? hardBonus : 0;
    return s + bonus - lambda * normalisedCost(r.usd(), b.smallUsd(), b.largeUsd());
  }

  /** {@code clip((c - small) / (large - small), 0, 1)}. */
  static double normalisedCost(double c, double small, double large) {
    double span = large - small;
    if (span <= 1e-12) return c <= small ? 0 : 1;
    return Math.max(0, Math.min(1, (c - small) / span));
  }
}
