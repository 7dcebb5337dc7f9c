package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import picocli.CommandLine.Option;

/**
 * The {@code --search} and {@code --open} unit caps, shared by {@code ask} and {@code mcp serve} (a
 * picocli mixin): one place for their names, defaults and check.
 */
final class ToolUnitOptions {
  @Option(
      names = "--search",
      defaultValue = "10",
      paramLabel = "N",
      description = "search units: one per query (mcp serve: per client session; default: 10)")
  int search;

  @Option(
      names = {"--open", "--browse"},
      defaultValue = "10",
      paramLabel = "N",
      description =
          "open units: one per paragraph or URL (mcp serve: per client session; default: 10)")
  int open;

  /** Adds both caps to {@code b}; a negative number is bad input naming both flags. */
  Budget.Builder addTo(Budget.Builder b) {
    if (search < 0 || open < 0) {
      throw new IllegalArgumentException(
          "--search and --open must be 0 or more units, got " + search + " and " + open);
    }
    return b.toolUnits("search", search).toolUnits("open", open);
  }
}
