package dev.frugal.examples.cli;

import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceCatalog;
import dev.frugal.core.budget.PriceTable;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The price of a real model named on the command line: {@code --price-in} / {@code --price-out}
 * when given, else the model's row of the bundled price catalog ({@code ./frugal prices}), said on
 * stderr; a model in neither is bad input (exit code 2) naming the two flags. A real model is never
 * priced at $0 unless the user says so, or a dollar cap would never bind.
 */
final class RealModelPrice {
  private RealModelPrice() {}

  /**
   * Resolves the price of {@code model}. A flag given overrides the catalog's figure for that
   * flag's side (the catalog's cached-input price is kept only when {@code --price-in} is not
   * given).
   *
   * @throws IllegalArgumentException when a price is missing and the catalog does not list {@code
   *     model}, or a flag is negative or not finite
   */
  static ModelPrice resolve(String model, Double priceIn, Double priceOut, PrintStream err) {
    check("--price-in", priceIn);
    check("--price-out", priceOut);
    if (priceIn != null && priceOut != null) return PriceOptions.of(priceIn, priceOut);
    Optional<PriceCatalog.Entry> row = PriceTable.catalog().find(model);
    if (row.isEmpty()) {
      String missing =
          priceIn == null && priceOut == null
              ? "--price-in and --price-out"
              : priceIn == null ? "--price-in" : "--price-out";
      throw new IllegalArgumentException(
          "no price for model '"
              + model
              + "': give "
              + missing
              + " (USD per 1M input / output tokens, e.g. --price-in 0.15 --price-out 0.60; for a"
              + " free local model such as one on Ollama, --price-in 0 --price-out 0). Without a"
              + " price a real model would cost $0 and a --usd cap would never bind. The bundled"
              + " price catalog (./frugal prices) has no row for '"
              + model
              + "'.");
    }
    PriceCatalog.Entry e = row.get();
    ModelPrice p = e.price();
    ModelPrice used =
        new ModelPrice(
            priceIn != null ? priceIn : p.inputPerMillion(),
            priceIn != null ? priceIn : p.cachedInputPerMillion(),
            priceOut != null ? priceOut : p.outputPerMillion());
    err.printf(
        Locale.ROOT,
        "pricing %s from the bundled price catalog: $%s input, $%s cached input, $%s output per"
            + " 1M tokens (%s, taken %s)%s; --price-in / --price-out override it%n",
        model,
        plain(used.inputPerMillion()),
        plain(used.cachedInputPerMillion()),
        plain(used.outputPerMillion()),
        e.source(),
        e.date(),
        priceIn != null || priceOut != null ? ", with the price given on the command line" : "");
    return used;
  }

  private static void check(String flag, Double v) {
    if (v != null) PriceOptions.check(flag, v);
  }

  /** A price as written in the catalog: 0.15, 2.5, 0.075. */
  static String plain(double usd) {
    return java.math.BigDecimal.valueOf(usd).stripTrailingZeros().toPlainString();
  }
}
