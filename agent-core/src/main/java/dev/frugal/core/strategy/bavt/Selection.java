package dev.frugal.core.strategy.bavt;

import java.util.random.RandomGenerator;

/**
 * Budget-conditioned node selection: a frontier node {@code n} is picked with probability {@code
 * V(n)^(1/r) / sum_m V(m)^(1/r)}, where {@code r} in (0, 1] is the remaining share of the budget.
 * At {@code r = 1} the chance is proportional to value (explore); as {@code r -> 0} it concentrates
 * on the highest value (exploit). There is no tuning parameter.
 *
 * <p>Computed stably as {@code softmax(ln V / r)}: values are clamped to {@code [minValue, 1]} so
 * the logarithm is finite, {@code r} is clamped to {@code [minRatio, 1]} so the logits stay finite,
 * and the largest logit is subtracted before exponentiating, so the largest weight is exactly 1 and
 * the sum is in {@code [1, n]}. No input in range produces NaN or infinity.
 */
final class Selection {
  private Selection() {}

  /**
   * The selection probabilities of nodes with the given values at remaining ratio {@code r}.
   *
   * @param values node values; each is clamped to {@code [minValue, 1]}
   * @param r the remaining ratio; clamped to {@code [minRatio, 1]}
   * @param minValue the smallest value, in (0, 1) (the BAVT paper: 1e-6)
   * @param minRatio the smallest ratio, in (0, 1] (the BAVT paper: 1e-3)
   * @return probabilities in the order of {@code values}, summing to 1
   * @throws IllegalArgumentException for no values, a NaN value or ratio, or bounds out of range
   */
  public static double[] probabilities(
      double[] values, double r, double minValue, double minRatio) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to select from: the frontier is empty");
    }
    TreeRules.checkMinValue(minValue);
    TreeRules.checkMinRatio(minRatio);
    if (Double.isNaN(r)) throw new IllegalArgumentException("remaining ratio r is NaN");
    double ratio = Math.max(minRatio, Math.min(1.0, r));
    double[] logits = new double[values.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) throw new IllegalArgumentException("value " + i + " is NaN");
      logits[i] = Math.log(Math.max(minValue, Math.min(1.0, v))) / ratio;
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    double[] p = new double[values.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) p[i] /= sum;
    return p;
  }

  /** Draws an index with the given probabilities (which sum to 1) from {@code random}. */
  public static int sample(double[] probabilities, RandomGenerator random) {
    double u = random.nextDouble();
    double acc = 0;
    int last = -1;
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i] <= 0) continue;
      acc += probabilities[i];
      last = i;
      if (u < acc) return i;
    }
    if (last < 0) throw new IllegalArgumentException("no index has a positive probability");
    return last; // rounding left u just above the sum
  }
}
