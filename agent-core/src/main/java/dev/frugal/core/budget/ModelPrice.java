package dev.frugal.core.budget;

/**
 * A model's prices in US dollars per million tokens: input, cached input and output. Each must be a
 * finite, non-negative number of at most {@link #MAX_PER_MILLION} (a dollar per token), so that the
 * cost of any call a budget can hold is kept exactly in pico-dollars.
 */
public record ModelPrice(
    double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

  /** The highest price accepted, in USD per million tokens (one dollar per token). */
  public static final double MAX_PER_MILLION = 1_000_000;

  /** Checks that every price is finite, non-negative and at most {@link #MAX_PER_MILLION}. */
  public ModelPrice {
    check("inputPerMillion", inputPerMillion);
    check("cachedInputPerMillion", cachedInputPerMillion);
    check("outputPerMillion", outputPerMillion);
  }

  /** A price where cached input costs the same as input. */
  public static ModelPrice of(double inputPerMillion, double outputPerMillion) {
    return new ModelPrice(inputPerMillion, inputPerMillion, outputPerMillion);
  }

  /** A model that costs nothing (e.g. a local model). */
  public static ModelPrice free() {
    return new ModelPrice(0, 0, 0);
  }

  /**
   * The cost in pico-dollars of one call; {@code cachedInputTokens} are the part of {@code
   * inputTokens} served from the provider's prompt cache.
   */
  public long picos(long inputTokens, long cachedInputTokens, long outputTokens) {
    long cached = Math.min(Math.max(cachedInputTokens, 0), inputTokens);
    long fresh = inputTokens - cached;
    try {
      // Math.round saturates at Long.MAX_VALUE, so a sum that reaches it has overflowed
      long sum =
          Math.addExact(
              Math.addExact(
                  Math.round(fresh * inputPerMillion * 1e6),
                  Math.round(cached * cachedInputPerMillion * 1e6)),
              Math.round(outputTokens * outputPerMillion * 1e6));
      if (sum == Long.MAX_VALUE) throw new ArithmeticException("saturated");
      return sum;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "the cost of "
              + inputTokens
              + " input and "
              + outputTokens
              + " output tokens exceeds what a long holds in pico-dollars (about $9.2 million)");
    }
  }

  private static void check(String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || v > MAX_PER_MILLION) {
      throw new IllegalArgumentException(
          name
              + " must be a price from 0 to "
              + (long) MAX_PER_MILLION
              + " USD per 1M tokens, got "
              + v);
    }
  }
}
