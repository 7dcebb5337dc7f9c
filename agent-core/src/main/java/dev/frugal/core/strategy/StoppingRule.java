package dev.frugal.core.strategy;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.RunContext;
import java.util.Optional;

/**
 * When a tool budget running out ends a search loop (and forces the final answer). ReAct, the
 * parallel baseline (whose samples are ReAct loops), BATS's attempts and BAVT all use the same
 * rule, so that their comparisons are fair (docs/bats.md); the default is {@link #ANY_TOOL_SPENT},
 * the Budget Tracker's rule (the BATS paper (arXiv 2511.17006), Budget Tracker item 3: the run
 * stops "when any budget reaches 0").
 *
 * <p>A tool whose run budget caps it at 0 from the start is switched off: it is not offered and
 * never counts as spent.
 */
public enum StoppingRule {
  /** Stop as soon as any capped tool has no units left [default]. */
  ANY_TOOL_SPENT,
  /** Stop only when every capped tool has no units left; keep working with the others. */
  ALL_TOOLS_SPENT,
  /**
   * Read the tool caps as one total tool-call budget shared by every tool, as large as the largest
   * cap (the BAVT paper's budget shape, docs/bavt.md "The paper's budget shape"), and stop when the
   * units used by all capped tools together reach it, or when every capped tool is spent. The calls
   * of one model turn that starts below the total all run, so a turn may end a few units past it;
   * each tool's own cap still holds.
   */
  TOTAL_SPENT;

  /**
   * The spent tool cap that ends the loop under this rule, if any: for {@link #ANY_TOOL_SPENT} the
   * first capped tool of the registry with no headroom in {@code ledger}; for {@link
   * #ALL_TOOLS_SPENT} one of them, only when no capped tool has headroom left. Tools capped at 0 by
   * the run's budget (switched off) do not count; uncapped tools never run out.
   */
  public Optional<Cap> spent(RunContext ctx, Ledger ledger) {
    if (this == TOTAL_SPENT) {
      Optional<Cap> all = ALL_TOOLS_SPENT.spent(ctx, ledger);
      return all.isPresent() ? all : totalSpent(ctx, ledger);
    }
    Optional<Cap> first = Optional.empty();
    boolean anyLeft = false;
    for (String tool : ctx.tools().names()) {
      Cap c = new Cap.ToolUnits(tool);
      if (ctx.budget().limit(c).orElse(1) == 0) continue;
      if (ledger.headroom(c).orElse(1) == 0) {
        if (first.isEmpty()) first = Optional.of(c);
        if (this == ANY_TOOL_SPENT) return first;
      } else {
        anyLeft = true;
      }
    }
    return anyLeft ? Optional.empty() : first;
  }

  /** The most-used capped tool once the units of all capped tools reach the largest cap. */
  private static Optional<Cap> totalSpent(RunContext ctx, Ledger ledger) {
    long total = 0;
    long used = 0;
    Cap most = null;
    long mostUsed = -1;
    var s = ledger.snapshot();
    for (String tool : ctx.tools().names()) {
      Cap c = new Cap.ToolUnits(tool);
      long limit = ledger.budget().limit(c).orElse(0);
      if (limit == 0) continue; // uncapped or switched off
      long u = s.used().toolUnits().getOrDefault(tool, 0L);
      total = Math.max(total, limit);
      used += u;
      if (u > mostUsed) {
        most = c;
        mostUsed = u;
      }
    }
    return total > 0 && used >= total ? Optional.of(most) : Optional.empty();
  }
}
