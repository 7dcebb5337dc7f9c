package dev.frugal.core.strategy.bavt;

/**
 * The numeric rules of a {@link ValueTree}; each default is a [choice] of ALGORITHMS.md section 3.
 *
 * @param rootValue the value of the root (the bare question): 0.5 [choice]
 * @param minValue values are clipped to {@code [minValue, 1]}, so that {@code ln V} is finite: 1e-6
 *     [choice]
 * @param minRatio the remaining ratio r is clamped to at least this: 1e-3 [choice]
 * @param pruneAtOrBelow a child whose critic delta is at most this is pruned: 0, i.e. children that
 *     did not advance the answer [choice]
 * @param maxChildren how many children (kept or pruned) a node may get before it leaves the
 *     frontier: unbounded ({@link Integer#MAX_VALUE}) [choice]. The paper bounds the tree by the
 *     budget alone, and a cap breaks its convergence guarantee: with 3, a node whose three tries
 *     all fail leaves the frontier, and on the synthetic tree of the tests (K = 1, pMin = 0.2) the
 *     search then dies before the bound in about half of the trials.
 */
record TreeRules(
    double rootValue, double minValue, double minRatio, double pruneAtOrBelow, int maxChildren) {

  public TreeRules {
    checkMinValue(minValue);
    checkMinRatio(minRatio);
    checkRootValue(rootValue, minValue);
    checkPruneAtOrBelow(pruneAtOrBelow);
    checkMaxChildren(maxChildren);
  }

  /**
   * The defaults of ALGORITHMS.md section 3: V0 0.5, V >= 1e-6, r >= 1e-3, prune delta <= 0, no cap
   * on children.
   */
  public static TreeRules defaults() {
    return new TreeRules(0.5, 1e-6, 1e-3, 0.0, Integer.MAX_VALUE);
  }

  /** {@code V(parent) + delta} clipped to {@code [minValue, 1]}. */
  public double update(double parentValue, double delta) {
    return Math.max(minValue, Math.min(1.0, parentValue + delta));
  }

  static void checkMinValue(double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException("minValue must be in (0, 1), got " + v);
    }
  }

  static void checkMinRatio(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("minRatio must be in (0, 1], got " + v);
    }
  }

  static void checkRootValue(double v, double minValue) {
    if (!(v >= minValue && v <= 1)) {
      throw new IllegalArgumentException(
          "rootValue must be in [minValue, 1] = [" + minValue + ", 1], got " + v);
    }
  }

  static void checkPruneAtOrBelow(double v) {
    if (!(v >= -1 && v < 1)) {
      throw new IllegalArgumentException(
          "pruneAtOrBelow must be in [-1, 1) (a critic delta threshold), got " + v);
    }
  }

  static void checkMaxChildren(int v) {
    if (v < 1) throw new IllegalArgumentException("maxChildren must be >= 1, got " + v);
  }
}
