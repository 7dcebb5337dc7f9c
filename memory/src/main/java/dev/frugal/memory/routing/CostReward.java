package dev.frugal.memory.routing;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * BudgetMem's cost reward: {@code 1 - clip((sqrt(c) - q05) / (q95 - q05), 0, 1)}, where q05 and q95
 * are the 5th and 95th percentiles of {@code sqrt(cost)} over a sliding window of the most recent
 * per-query costs (2,000 in the paper). A query as cheap as the window's cheap end earns 1, one as
 * dear as its dear end 0. While the window has no spread, cost at or under its value earns 1 and
 * anything dearer 0.
 */
public final class CostReward {
  private final int window;
  private final ArrayDeque<Double> roots = new ArrayDeque<>();

  /** A reward over the last {@code window} costs (at least 1). */
  public CostReward(int window) {
    if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
    this.window = window;
  }

  /** Adds a query's cost (dollars, at least 0) to the window. */
  public void observe(double usd) {
    if (!(usd >= 0)) throw new IllegalArgumentException("a cost must be >= 0, got " + usd);
    roots.addLast(Math.sqrt(usd));
    while (roots.size() > window) roots.removeFirst();
  }

  /** The cost reward of {@code usd} against the current window. */
  public double reward(double usd) {
    if (roots.isEmpty()) return 1;
    double[] sorted = roots.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    double q05 = quantile(sorted, 0.05);
    double q95 = quantile(sorted, 0.95);
    double r = Math.sqrt(usd);
    if (q95 - q05 <= 1e-15) return r <= q05 + 1e-15 ? 1 : 0;
    double x = (r - q05) / (q95 - q05);
    return 1 - Math.max(0, Math.min(1, x));
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** How many costs the window holds now. */
  public int size() {
    return roots.size();
  }
}
