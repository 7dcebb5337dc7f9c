package dev.frugal.core.budget;

/**
 * What one unit of a tool costs in a {@link PriceTable}, and whether that price was declared for
 * the tool or is the table's default.
 *
 * @param usdPerUnit the price of one unit, in US dollars
 * @param declared true when the table names this tool; false when the default tool price applies
 */
public record ToolPrice(double usdPerUnit, boolean declared) {

  /** The price as text, e.g. {@code $0.001/unit (default price)}. */
  public String describe() {
    return "$"
        + Money.format(Money.picos(usdPerUnit))
        + "/unit"
        + (declared ? "" : " (default price)");
  }
}
