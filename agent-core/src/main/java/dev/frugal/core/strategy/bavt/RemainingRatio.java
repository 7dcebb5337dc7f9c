package dev.frugal.core.strategy.bavt;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import java.util.Map;

/**
 * The remaining share r of a budget, in [0, 1]: {@code min(tool_left / tool_total, tokens_left /
 * tokens_total)} [choice of ALGORITHMS.md section 3].
 *
 * <ul>
 *   <li>Tools: {@link ToolPooling#POOLED} (default [choice]) adds the units left and the limits of
 *       every capped tool ({@code sum left / sum limits}), the paper's single tool-call budget;
 *       {@link ToolPooling#MIN_OVER_TOOLS} takes the scarcest tool, as the Budget Tracker does. A
 *       tool capped at 0 from the start (switched off) does not count.
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
    /** All tool caps pooled: units left over units capped. */
    POOLED,
    /** The lowest remaining fraction over the tool caps. */
    MIN_OVER_TOOLS
  }

  /** Checks that a pooling is given. */
  public RemainingRatio {
    java.util.Objects.requireNonNull(pooling, "pooling");
  }

  /** Pooled tools and tokens, no dollars. */
  public static RemainingRatio defaults() {
    return new RemainingRatio(ToolPooling.POOLED, false);
  }

  /** r for the ledger seen in {@code s}, in [0, 1] (not yet clamped to a minimum). */
  public double of(LedgerSnapshot s) {
    double r = 1.0;
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
