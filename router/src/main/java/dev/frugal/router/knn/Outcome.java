package dev.frugal.router.knn;

/**
 * What one model did on one logged question, over the episodes logged for that pair.
 *
 * @param success the share of those episodes that succeeded (exact match above 0), in [0, 1]
 * @param usd the mean cost of those episodes, in dollars
 * @param episodes how many episodes were logged (at least 1)
 */
public record Outcome(double success, double usd, int episodes) {
  /** Checks the ranges. */
  public Outcome {
    if (!(success >= 0 && success <= 1)) {
      throw new IllegalArgumentException("success must be in [0, 1], got " + success);
    }
    if (!(usd >= 0) || Double.isInfinite(usd)) {
      throw new IllegalArgumentException("usd must be a finite number >= 0, got " + usd);
    }
    if (episodes < 1) throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
  }
}
