package dev.frugal.core.budget;

import java.util.Locale;

/**
 * What a budget refused and why: the estimate of one call (model or tool), the amount of the
 * refusing cap it needed, what was left of that cap and its limit, and what the estimate was made
 * of. A model call's estimate is its estimated input tokens plus the output tokens it reserves (its
 * {@code maxOutputTokens}): the whole reservation must fit before the call is made (the README,
 * "What you get", on budgets), so a cap smaller than that reservation refuses even a call whose
 * reply would have been short.
 *
 * @param cap the cap that refused
 * @param what the call refused, e.g. {@code model gpt-4o-mini} or {@code tool search}
 * @param wanted the amount of {@code cap} the call needed: pico-dollars for {@link Cap.Usd}, else
 *     tokens, units or calls
 * @param remaining what was left of {@code cap} (limit minus spent and reserved), same unit
 * @param limit the cap's limit, same unit
 * @param inputTokens the input tokens the estimate counted (0 for a tool)
 * @param outputTokens the output tokens the estimate reserved (0 for a tool)
 * @param estimateUsd the estimate's whole cost in dollars, whatever the refusing cap
 */
public record Refusal(
    Cap cap,
    String what,
    long wanted,
    long remaining,
    long limit,
    long inputTokens,
    long outputTokens,
    double estimateUsd) {

  /** The refusal of {@code estimate} by {@code cap}. */
  static Refusal of(Cap cap, Spend estimate, long wanted, long remaining, long limit) {
    String what;
    if (!estimate.modelCalls().isEmpty()) {
      what = "model " + String.join(", ", estimate.modelCalls().keySet());
    } else if (!estimate.toolUnits().isEmpty()) {
      what = "tool " + String.join(", ", estimate.toolUnits().keySet());
    } else {
      what = "call";
    }
    return new Refusal(
        cap,
        what,
        wanted,
        remaining,
        limit,
        estimate.inputTokens(),
        estimate.outputTokens(),
        estimate.usd());
  }

  /** Whether a model call was refused (its estimate counts tokens). */
  public boolean modelCall() {
    return what.startsWith("model ");
  }

  /** The amount needed, in dollars, when the refusing cap is the dollar cap; else {@code NaN}. */
  public double wantedUsd() {
    return cap instanceof Cap.Usd ? Money.usd(wanted) : Double.NaN;
  }

  /** What was left, in dollars, when the refusing cap is the dollar cap; else {@code NaN}. */
  public double remainingUsd() {
    return cap instanceof Cap.Usd ? Money.usd(remaining) : Double.NaN;
  }

  /**
   * One line for people: what the call may cost, what remains, and what the estimate was made of,
   * e.g. {@code the call to model gpt-4o-mini may cost $0.000670 but only $0.000045 of $0.000050
   * (USD) remains: about 120 input tokens (estimated) plus a reservation of 1,024 output tokens
   * (maxOutputTokens)}; for another cap, the estimate's dollar cost follows.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder("the call to ").append(what);
    if (cap instanceof Cap.Usd) {
      sb.append(
          String.format(
              Locale.ROOT,
              " may cost $%s but only $%s of $%s (USD) remains",
              Money.format(wanted),
              Money.format(remaining),
              Money.format(limit)));
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              " needs %,d of %s but only %,d of %,d remain",
              wanted,
              cap.describe(),
              remaining,
              limit));
    }
    if (modelCall()) {
      sb.append(
          String.format(
              Locale.ROOT,
              ": about %,d input token%s (estimated) plus a reservation of %,d output token%s"
                  + " (maxOutputTokens)",
              inputTokens,
              inputTokens == 1 ? "" : "s",
              outputTokens,
              outputTokens == 1 ? "" : "s"));
      if (!(cap instanceof Cap.Usd)) {
        sb.append(String.format(Locale.ROOT, ", $%.6f", estimateUsd));
      }
    }
    return sb.toString();
  }

  /** The words of a refusal: what the call wanted of {@code cap} and what remains of it. */
  static String message(Cap cap, long want, long left, long limit) {
    if (cap instanceof Cap.Usd) {
      return "budget refused: the call may cost $"
          + Money.format(want)
          + " but only $"
          + Money.format(left)
          + " of $"
          + Money.format(limit)
          + " (USD) remains";
    }
    return "budget refused: "
        + want
        + " of "
        + cap.describe()
        + " requested but only "
        + left
        + " of "
        + limit
        + " remain";
  }
}
