package dev.frugal.router.knn;

/**
 * The kNN router's parameters (docs/extras.md, "The V0-style router").
 *
 * @param k how many nearest logged questions (by cosine similarity) predict a model's success; at
 *     least 1. Default {@value #DEFAULT_K}.
 * @param prior the weight, in pseudo-questions, of the model's success rate over the whole history
 *     in each prediction: {@code p_hat = (sum of the k neighbours' success + prior * base) / (k +
 *     prior)}; the same shrinkage applies to the predicted cost. 0 trusts the neighbours alone.
 *     Default {@value #DEFAULT_PRIOR}.
 * @param lambda the price of a dollar in successes: the router picks {@code argmax p_hat - lambda *
 *     usd_hat}. 0 picks the likeliest model whatever it costs. Default {@value #DEFAULT_LAMBDA} (a
 *     correct answer is worth ten cents), declared before any evaluation.
 */
public record KnnSettings(int k, double prior, double lambda) {
  /** The default number of neighbours. */
  public static final int DEFAULT_K = 10;

  /** The default weight of the history-wide success rate, in pseudo-questions. */
  public static final double DEFAULT_PRIOR = 2.0;

  /** The default price of a dollar, in successes (per dollar). */
  public static final double DEFAULT_LAMBDA = 10.0;

  /** The defaults: k = 10, prior = 2, lambda = 10 per dollar. */
  public static final KnnSettings DEFAULTS =
      new KnnSettings(DEFAULT_K, DEFAULT_PRIOR, DEFAULT_LAMBDA);

  /** Checks the ranges, naming what would be valid. */
  public KnnSettings {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (!(prior >= 0) || Double.isInfinite(prior)) {
      throw new IllegalArgumentException("prior must be a finite number >= 0, got " + prior);
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0 (successes per dollar), got " + lambda);
    }
  }
}
