package dev.frugal.testbed.bench;

/**
 * The summary figures of a sample of per-seed values that the bench and the router evaluation
 * report: mean and sample standard deviation.
 */
public final class Sample {
  private Sample() {}

  /** The arithmetic mean; 0 for no values. */
  public static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) s += x;
    return xs.length == 0 ? 0 : s / xs.length;
  }

  /** Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values. */
  public static double sd(double[] xs) {
    if (xs.length < 2) return 0;
    double m = mean(xs);
    double s = 0;
    for (double x : xs) s += (x - m) * (x - m);
    return Math.sqrt(s / (xs.length - 1));
  }
}
