package dev.frugal.core.strategy.bavt;

/**
 * The numeric rules of a {@link ValueTree}; each default is a [choice] of the BAVT paper (arXiv
 * 2603.12634).
 *
 * @param rootValue the value of the root (the bare question): 0.5 [choice]
 * @param minValue values are clipped to {@code [minValue, 1 - minValue]}, so that {@code ln V} is
 *     finite and no node saturates at 1 (where {@code ln 1 = 0} would make selection blind to r):
 *     1e-6 [choice]
 * @param minRatio the remaining ratio r is clamped to at least this: 1e-3 [choice]
 * @param pruneAtOrBelow a child whose critic delta is at most this is pruned: 0, i.e. children that
 *     did not advance the answer [choice]
 * @param maxChildren how many children (kept or pruned) a node may get before it leaves the
 *     frontier: unbounded ({@link Integer#MAX_VALUE}) [choice]. The paper bounds the tree by the
 *     budget alone, and a cap breaks its convergence guarantee: with 3, a node whose three tries
 *     all fail leaves the frontier, and on the synthetic tree of the tests (K = 1, pMin = 0.2) the
 *     search then dies before the bound in about half of the trials.
 * @param rootStaysSelectable whether the root (the bare question) stays in the frontier after it
 *     has a kept child: false by default [choice]. Re-expanding the root starts the search over
 *     from nothing; once a first step made progress, the paper's guarantee counts expansions that
 *     deepen a progressing path, and every draw spent on the root is overhead. On the synthetic
 *     tree of the tests (K = 5, pMin = 0.8, eps = 0.02, M = 24) a selectable root brings the
 *     success rate to 0.905, below the bound's 0.98; without it, 0.99.
 */
record TreeRules(
    double rootValue,
    double minValue,
    double minRatio,
    double pruneAtOrBelow,
    int maxChildren,
    boolean rootStaysSelectable) {

  /** Rules whose root stays selectable (the behaviour before this change). */
  public TreeRules(
      double rootValue, double minValue, double minRatio, double pruneAtOrBelow, int maxChildren) {
    this(rootValue, minValue, minRatio, pruneAtOrBelow, maxChildren, true);
  }

  public TreeRules {
    checkMinValue(minValue);
    checkMinRatio(minRatio);
    checkRootValue(rootValue, minValue);
    checkPruneAtOrBelow(pruneAtOrBelow);
    checkMaxChildren(maxChildren);
  }

  /**
   * The defaults of the BAVT paper (arXiv 2603.12634): V0 0.5, V >= 1e-6, r >= 1e-3, prune delta <=
   * 0, no cap on children; the root leaves the frontier once it has a kept child.
   */
  public static TreeRules defaults() {
    return new TreeRules(0.5, 1e-6, 1e-3, 0.0, Integer.MAX_VALUE, false);
  }

  /**
   * The revised update of the BAVT paper (arXiv 2603.12634) item 5: progress closes the given share
   * of the gap to 1, {@code V + delta (1 - V)} for {@code delta > 0}; otherwise the value shrinks
   * in proportion, {@code V (1 + delta)}; the result is clamped to {@code [minValue, 1 -
   * minValue]}. Unlike the first choice, {@code clip(V + delta)}, a run of good steps approaches 1
   * without reaching it, so nodes of different values keep different {@code ln V} and the
   * budget-conditioned selection still sharpens as r falls.
   */
  public double update(double parentValue, double delta) {
    double v = delta > 0 ? parentValue + delta * (1 - parentValue) : parentValue * (1 + delta);
    return Math.max(minValue, Math.min(maxValue(), v));
  }

  /** The largest value a scored node can have: {@code 1 - minValue}. */
  public double maxValue() {
    return 1 - minValue;
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
