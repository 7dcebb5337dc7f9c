package dev.frugal.core.strategy.bavt;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import java.util.Map;

/**
 * The remaining share r of a budget, in [0, 1]: {@code min(tool_left / tool_total, tokens_left /
 * tokens_total)} [choice of the BAVT paper (arXiv 2603.12634)].
 *
 * <ul>
 *   <li>Tools: {@link ToolPooling#TOTAL} (default) reads the run's tool caps as one total tool-call
 *       budget shared by every tool, the BAVT paper's budget shape (5 / 10 / 20 calls in all): its
 *       size is the largest tool cap, and {@code r = (total - units used by all tools) / total};
 *       {@link ToolPooling#POOLED} adds the units left and the limits of every capped tool ({@code
 *       sum left / sum limits}), the per-tool form; {@link ToolPooling#MIN_OVER_TOOLS} takes the
 *       scarcest tool, as the Budget Tracker does. A tool capped at 0 from the start (switched off)
 *       does not count.
 *   <li>Tokens: the lowest remaining fraction over the input, output and total token caps that are
 *       set.
 *   <li>Dollars: counted too only when {@code includeUsd} (default off [choice]).
 * </ul>
 *
 * Caps that are not set do not count; with nothing capped r is 1.
 *
 * @param pooling how several tool caps combine
 * @param includeUsd whether the dollar cap counts
 */
public record RemainingRatio(ToolPooling pooling, boolean includeUsd) {

  /** How several tool caps combine into one tool ratio. */
  public enum ToolPooling {
    /** One total budget shared by all tools, as large as the largest tool cap [default]. */
    TOTAL,
    /** All tool caps pooled: units left over units capped. */
    POOLED,
    /** The lowest remaining fraction over the tool caps. */
    MIN_OVER_TOOLS
  }

  /** Checks that a pooling is given. */
  public RemainingRatio {
    java.util.Objects.requireNonNull(pooling, "pooling");
  }

  /** One total tool budget and tokens, no dollars. */
  public static RemainingRatio defaults() {
    return new RemainingRatio(ToolPooling.TOTAL, false);
  }

  /**
   * The total tool-call budget that {@code s}'s tool caps stand for: the largest cap of a tool that
   * is not switched off; empty when no tool is capped.
   */
  public static java.util.OptionalLong totalToolBudget(LedgerSnapshot s) {
    long max = 0;
    for (long cap : s.budget().toolUnitCaps().values()) max = Math.max(max, cap);
    return max == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(max);
  }

  /** The tool units used so far by every tool that has a cap in {@code s}. */
  public static long toolUnitsUsed(LedgerSnapshot s) {
    long used = 0;
    for (Map.Entry<String, Long> e : s.budget().toolUnitCaps().entrySet()) {
      if (e.getValue() == 0) continue;
      used += s.used().toolUnits().getOrDefault(e.getKey(), 0L);
    }
    return used;
  }

  /** r for the ledger seen in {@code s}, in [0, 1] (not yet clamped to a minimum). */
  public double of(LedgerSnapshot s) {
    double r = 1.0;
    if (pooling == ToolPooling.TOTAL) {
      var total = totalToolBudget(s);
      if (total.isPresent()) {
        long left = Math.max(0, total.getAsLong() - toolUnitsUsed(s));
        r = left / (double) total.getAsLong();
      }
      return tokensAndUsd(s, r);
    }
    long left = 0;
    long total = 0;
    for (Map.Entry<String, Long> e : s.budget().toolUnitCaps().entrySet()) {
      if (e.getValue() == 0) continue;
      long rem = s.remaining(new Cap.ToolUnits(e.getKey())).orElse(e.getValue());
      if (pooling == ToolPooling.POOLED) {
        left += rem;
        total += e.getValue();
      } else {
        r = Math.min(r, rem / (double) e.getValue());
      }
    }
    if (total > 0) r = Math.min(r, left / (double) total);
    return tokensAndUsd(s, r);
  }

  private double tokensAndUsd(LedgerSnapshot s, double r) {
    for (Cap c : new Cap[] {new Cap.InputTokens(), new Cap.OutputTokens(), new Cap.TotalTokens()}) {
      var f = s.remainingFraction(c);
      if (f.isPresent()) r = Math.min(r, f.getAsDouble());
    }
    if (includeUsd) {
      var f = s.remainingFraction(new Cap.Usd());
      if (f.isPresent()) r = Math.min(r, f.getAsDouble());
    }
    return Math.max(0, Math.min(1, r));
  }
}
