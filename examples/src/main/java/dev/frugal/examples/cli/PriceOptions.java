package dev.frugal.examples.cli;

import dev.frugal.core.budget.ModelPrice;

/** The {@code --price-in} and {@code --price-out} values as a {@link ModelPrice}, checked. */
final class PriceOptions {
  private PriceOptions() {}

  /** The price; an error names the flag, what was given and what is valid. */
  static ModelPrice of(double in, double out) {
    check("--price-in", in);
    check("--price-out", out);
    return ModelPrice.of(in, out);
  }

  /** Refuses a price outside 0 to {@link ModelPrice#MAX_PER_MILLION}, naming {@code flag}. */
  static void check(String flag, double v) {
    if (!(v >= 0) || v > ModelPrice.MAX_PER_MILLION) {
      throw new IllegalArgumentException(
          flag
              + " must be a price from 0 to "
              + (long) ModelPrice.MAX_PER_MILLION
              + " USD per 1M tokens (e.g. 0.15), got "
              + v);
    }
  }
}
