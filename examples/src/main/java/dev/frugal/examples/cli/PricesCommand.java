package dev.frugal.examples.cli;

import dev.frugal.core.budget.PriceCatalog;
import dev.frugal.core.budget.PriceTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code frugal prices}: the bundled price catalog, one row per model with its prices, the date
 * they were taken and where they are published. {@code ask} and {@code bench} price a real {@code
 * --model} from it when {@code --price-in} / {@code --price-out} are not given.
 */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = {
      "List the bundled price catalog: USD per 1M input / cached-input / output tokens, each row"
          + " with the date it was taken and its source.",
      "ask and bench use a row when --model names it and --price-in / --price-out are not given."
    })
public final class PricesCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    print(System.out, PriceTable.catalog().entries());
    return 0;
  }

  static void print(PrintStream out, List<PriceCatalog.Entry> rows) {
    int w = "model".length();
    for (PriceCatalog.Entry e : rows) w = Math.max(w, e.model().length());
    String fmt = "%-" + w + "s  %-9s  %8s  %8s  %8s  %-10s  %s%n";
    out.println(
        "USD per 1M tokens; published prices change: check the source before relying on a"
            + " row, and override it with --price-in / --price-out.");
    out.printf(
        Locale.ROOT, fmt, "model", "provider", "input", "cached", "output", "date", "source");
    for (PriceCatalog.Entry e : rows) {
      out.printf(
          Locale.ROOT,
          fmt,
          e.model(),
          e.provider(),
          RealModelPrice.plain(e.price().inputPerMillion()),
          RealModelPrice.plain(e.price().cachedInputPerMillion()),
          RealModelPrice.plain(e.price().outputPerMillion()),
          e.date(),
          e.source());
    }
    out.printf(Locale.ROOT, "%d models%n", rows.size());
  }
}
