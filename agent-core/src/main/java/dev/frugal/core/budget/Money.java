package dev.frugal.core.budget;

/**
 * Dollars are kept as whole pico-dollars (1e-12 USD) in a {@code long}, so sums are exact and a cap
 * check never fails by a rounding error. A price of $0.15 per million tokens is 150,000
 * pico-dollars per token; the largest amount a long holds is about $9.2 million.
 */
public final class Money {
  /** Pico-dollars in one dollar. */
  public static final long PICOS_PER_USD = 1_000_000_000_000L;

  private Money() {}

  /**
   * Converts dollars to pico-dollars, rounding to the nearest pico-dollar; an amount beyond what a
   * {@code long} holds (about $9.2 million) is refused rather than clamped.
   */
  public static long picos(double usd) {
    if (Double.isNaN(usd) || Double.isInfinite(usd)) {
      throw new IllegalArgumentException("amount must be a finite number of dollars, got " + usd);
    }
    double picos = usd * PICOS_PER_USD;
    if (Math.abs(picos) > Long.MAX_VALUE) {
      // Math.round would saturate and silently turn the amount into another one
      throw new IllegalArgumentException(
          "amount must be at most $"
              + format(Long.MAX_VALUE)
              + " (the most kept exactly in pico-dollars), got $"
              + usd);
    }
    return Math.round(picos);
  }

  /**
   * Pico-dollars as a plain dollar amount with every significant digit and at least two decimals,
   * e.g. {@code 0.0000005} or {@code 1.50}, so that tiny caps do not print as {@code 0.000000}.
   */
  public static String format(long picos) {
    java.math.BigDecimal usd = java.math.BigDecimal.valueOf(picos, 12).stripTrailingZeros();
    return usd.scale() < 2 ? usd.setScale(2).toPlainString() : usd.toPlainString();
  }

  /** Converts pico-dollars to dollars. */
  public static double usd(long picos) {
    return picos / (double) PICOS_PER_USD;
  }
}
