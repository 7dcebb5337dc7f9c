package dev.frugal.core;

import dev.frugal.core.budget.LedgerSnapshot;
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
    LedgerSnapshot ledger) {

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
