package dev.frugal.core.tracker;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Makes the model budget-aware (the BATS paper (arXiv 2511.17006), Budget Tracker): a budget
 * section in the system prompt, a status block after every tool result, and a {@link Regime} from
 * the remaining fraction.
 *
 * <p>The remaining fraction is the minimum over the tool caps of remaining/limit, as in the paper;
 * when the budget caps no tool it is the minimum over the other caps [choice]. A tool at 0 makes
 * the regime {@link Regime#CRITICAL} whatever the others say, except a tool capped at 0 from the
 * start: it is switched off, not offered to the model, and does not count in the regime or appear
 * in the texts (docs/bats.md; before, it kept the regime CRITICAL for the whole run).
 *
 * <p>The status block has the paper's shape, one entry per capped tool: {@code <budget>Query Budget
 * Used: 7, Query Budget Remaining: 3, Open Budget Used: 1, Open Budget Remaining: 9</budget>};
 * token and dollar caps, when set, follow in the same form.
 */
public final class BudgetTracker {
  private final double high;
  private final double medium;
  private final double low;
  private final String guide;

  private BudgetTracker(Builder b) {
    this.high = b.high;
    this.medium = b.medium;
    this.low = b.low;
    this.guide =
        String.format(
            Locale.ROOT,
            "Adapt to the lowest remaining fraction over your tools:\n"
                + "- HIGH (>= %1$d%% left): explore; 3-5 diverse queries per search, open 2-3"
                + " promising results.\n"
                + "- MEDIUM (%2$d-%1$d%% left): converge; 2-3 refined queries, open 1-2 results.\n"
                + "- LOW (%3$d-%2$d%% left): verify or finish; 1 focused query, open at most 1"
                + " result.\n"
                + "- CRITICAL (< %3$d%% left, or any tool at 0): do not call an exhausted tool;"
                + " answer with what you know, or \"None\".\n",
            Math.round(high * 100),
            Math.round(medium * 100),
            Math.round(low * 100));
  }

  /** The paper's thresholds: 70% / 30% / 10%. */
  public static BudgetTracker withDefaults() {
    return builder().build();
  }

  /** Starts building a tracker with the default thresholds. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lowest remaining fraction that decides the regime; empty when nothing is capped. */
  public OptionalDouble remainingFraction(LedgerSnapshot s) {
    OptionalDouble tools = minFraction(s, true);
    return tools.isPresent() ? tools : minFraction(s, false);
  }

  /** The regime the run is in, from its lowest remaining fraction over the caps. */
  public Regime regime(LedgerSnapshot s) {
    for (Cap c : s.budget().caps().keySet()) {
      if (!(c instanceof Cap.ToolUnits) || switchedOff(s, c)) continue;
      if (s.remaining(c).orElse(1) == 0) return Regime.CRITICAL;
    }
    double f = remainingFraction(s).orElse(1.0);
    if (f >= high) return Regime.HIGH;
    if (f >= medium) return Regime.MEDIUM;
    if (f >= low) return Regime.LOW;
    return Regime.CRITICAL;
  }

  /**
   * The budget section for the system prompt.
   *
   * @param labels what one unit of each tool is called (e.g. search -> Query); the tool name if
   *     absent
   */
  public String systemPromptSection(LedgerSnapshot s, Function<String, String> labels) {
    StringJoiner caps = new StringJoiner("; ", "Your budgets: ", ".\n");
    caps.setEmptyValue("Your budgets: none capped.\n");
    for (Map.Entry<Cap, Long> e : s.budget().caps().entrySet()) {
      Cap c = e.getKey();
      if (switchedOff(s, c)) continue;
      if (c instanceof Cap.ToolUnits t) {
        caps.add("'" + t.tool() + "': " + e.getValue() + " " + labels.apply(t.tool()) + " units");
      } else if (c instanceof Cap.Usd) {
        caps.add("USD: $" + dollars(e.getValue()));
      } else if (!(c instanceof Cap.ModelCalls)) {
        caps.add(c.describe() + ": " + e.getValue());
      }
    }
    // one concatenation: the text is built once at its exact size (it is rebuilt on every call)
    return SECTION_INTRO
        + statusBlock(s, labels)
        + ".\n"
        + caps
        + guide
        + "Current regime: "
        + regime(s)
        + '.';
  }

  private static final String SECTION_INTRO =
      "## Budget Tracker\nYou work under a hard budget. Each tool has its own budget of units;"
          + " every element of an array argument costs one unit (a search with 3 queries costs 3"
          + " units), so batching does not save budget. After every tool result a status block"
          + " shows what you have used and what remains, like ";

  /** The status block appended to a tool result. */
  public String statusBlock(LedgerSnapshot s, Function<String, String> labels) {
    StringBuilder sb = new StringBuilder(160).append("<budget>");
    String sep = "";
    for (Map.Entry<Cap, Long> e : s.budget().caps().entrySet()) {
      Cap c = e.getKey();
      if (switchedOff(s, c)) continue;
      long used = s.used().amount(c);
      long left = Math.max(0, e.getValue() - used - s.reserved().amount(c));
      if (c instanceof Cap.ToolUnits t) {
        String label = labels.apply(t.tool());
        sb.append(sep).append(label).append(" Budget Used: ").append(used);
        sb.append(", ").append(label).append(" Budget Remaining: ").append(left);
      } else if (c instanceof Cap.Usd) {
        appendDollars(sb.append(sep).append("USD Used: "), used);
        appendDollars(sb.append(", USD Remaining: "), left);
      } else if (!(c instanceof Cap.ModelCalls)) {
        String label = capitalized(c.describe());
        sb.append(sep).append(label).append(" Used: ").append(used);
        sb.append(", ").append(label).append(" Remaining: ").append(left);
      } else {
        continue;
      }
      sep = ", ";
    }
    return sb.append("</budget>").toString();
  }

  /** Pico-dollars as dollars with 4 decimals, e.g. 0.0123. */
  static String dollars(long picos) {
    return appendDollars(new StringBuilder(12), picos).toString();
  }

  /** Appends {@link #dollars(long)}'s text to {@code sb}, without building it first. */
  static StringBuilder appendDollars(StringBuilder sb, long picos) {
    long tenThousandths = Math.round(picos / 1e8);
    long abs = Math.abs(tenThousandths);
    if (tenThousandths < 0) sb.append('-');
    sb.append(abs / 10_000).append('.');
    long frac = abs % 10_000;
    for (long d = 1_000; d > frac && d > 1; d /= 10) sb.append('0');
    return sb.append(frac);
  }

  private static OptionalDouble minFraction(LedgerSnapshot s, boolean toolsOnly) {
    double min = Double.POSITIVE_INFINITY;
    for (Cap c : s.budget().caps().keySet()) {
      if ((c instanceof Cap.ToolUnits) != toolsOnly || switchedOff(s, c)) continue;
      min = Math.min(min, s.remainingFraction(c).orElse(1.0));
    }
    return min == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(min);
  }

  /** A tool capped at 0 units: switched off, neither offered nor counted. */
  static boolean switchedOff(LedgerSnapshot s, Cap c) {
    return c instanceof Cap.ToolUnits && s.budget().limit(c).orElse(1) == 0;
  }

  private static String capitalized(String s) {
    StringBuilder out = new StringBuilder();
    for (String w : s.split(" ")) {
      if (out.length() > 0) out.append(' ');
      out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return out.toString();
  }

  /** Builds a tracker; thresholds must satisfy {@code 0 <= low <= medium <= high <= 1}. */
  public static final class Builder {
    private double high = 0.70;
    private double medium = 0.30;
    private double low = 0.10;

    private Builder() {}

    /** Remaining fractions at which the regime drops below HIGH, MEDIUM and LOW. */
    public Builder thresholds(double high, double medium, double low) {
      if (!(0 <= low && low <= medium && medium <= high && high <= 1)) {
        throw new IllegalArgumentException(
            "thresholds must satisfy 0 <= low <= medium <= high <= 1, got high="
                + high
                + ", medium="
                + medium
                + ", low="
                + low);
      }
      this.high = high;
      this.medium = medium;
      this.low = low;
      return this;
    }

    /** Builds the tracker, checking the thresholds. */
    public BudgetTracker build() {
      return new BudgetTracker(this);
    }
  }
}
