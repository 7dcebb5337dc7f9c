package dev.frugal.core;

import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.ToolPrice;
import dev.frugal.core.trace.RunEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link Agent#run}: the answer (or none), why the run stopped, what it cost, and
 * its full trace.
 *
 * @param runId the run's id (also on every trace event)
 * @param question the question asked
 * @param answer the answer, empty when the model gave none
 * @param stopReason why the run ended
 * @param forcedAnswer true when the answer was asked for because the budget or steps ran out
 * @param usd unified cost in dollars (tokens and tool units)
 * @param usdByModel cost by model
 * @param usdByTool cost by tool
 * @param inputTokens input tokens over all model calls, cached ones included
 * @param cachedInputTokens the cached part of {@code inputTokens}
 * @param outputTokens output tokens over all model calls
 * @param toolUnits units charged by tool
 * @param modelCalls calls by model
 * @param steps steps taken (model calls made by the strategy's loop)
 * @param wallTime how long the run took
 * @param trace every event of the run, in order
 * @param ledger the run ledger at the end
 * @param toolPrices the price of one unit of every tool of the agent, each marked declared or
 *     default (see {@link dev.frugal.core.budget.PriceTable})
 */
public record RunResult(
    String runId,
    String question,
    Optional<String> answer,
    StopReason stopReason,
    boolean forcedAnswer,
    double usd,
    Map<String, Double> usdByModel,
    Map<String, Double> usdByTool,
    long inputTokens,
    long cachedInputTokens,
    long outputTokens,
    Map<String, Long> toolUnits,
    Map<String, Long> modelCalls,
    int steps,
    Duration wallTime,
    List<RunEvent> trace,
    LedgerSnapshot ledger,
    Map<String, ToolPrice> toolPrices) {

  /**
   * When the run stopped because the budget refused a call: that call's estimate, what remained of
   * the refusing cap, and what the estimate was made of (input tokens estimated, output tokens
   * reserved). Empty for any other stop, a cap that was spent rather than refused included.
   */
  public Optional<dev.frugal.core.budget.Refusal> refusal() {
    return stopReason instanceof StopReason.BudgetExhausted b ? b.refused() : Optional.empty();
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /**
   * What the run cost, one line per model and per tool, each tool with the price it was charged at
   * (marked {@code (default price)} when the price table did not declare it), e.g.:
   *
   * <pre>
   * total $0.00123
   *   model gpt-4o-mini  $0.00103  (2 calls)
   *   tool  add          $0.0002  (2 units at $0.0001/unit)
   * </pre>
   */
  public String costBreakdown() {
    StringBuilder sb = new StringBuilder("total $").append(Money.format(Money.picos(usd)));
    new java.util.TreeMap<>(usdByModel)
        .forEach(
            (m, v) ->
                sb.append("\n  model ")
                    .append(m)
                    .append("  $")
                    .append(Money.format(Money.picos(v)))
                    .append("  (")
                    .append(count(modelCalls.getOrDefault(m, 0L), "call"))
                    .append(')'));
    java.util.Set<String> tools = new java.util.TreeSet<>(toolUnits.keySet());
    tools.addAll(usdByTool.keySet());
    for (String t : tools) {
      ToolPrice p = toolPrices.get(t);
      sb.append("\n  tool  ")
          .append(t)
          .append("  $")
          .append(Money.format(Money.picos(usdByTool.getOrDefault(t, 0.0))))
          .append("  (")
          .append(count(toolUnits.getOrDefault(t, 0L), "unit"))
          .append(p == null ? "" : " at " + p.describe())
          .append(')');
    }
    return sb.toString();
  }

  /** {@code n} and the noun, singular for one ("1 unit", "2 units"). */
  private static String count(long n, String singular) {
    return n + " " + (n == 1 ? singular : singular + "s");
  }
}
