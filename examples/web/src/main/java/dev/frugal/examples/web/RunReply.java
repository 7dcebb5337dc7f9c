package dev.frugal.examples.web;

import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of a finished run, as {@code POST /api/ask} returns it and the stream's {@code result}
 * event carries it (docs/web.md, "Endpoints").
 */
final class RunReply {
  private RunReply() {}

  static Map<String, Object> of(RunResult r, double capUsd, String model, boolean simulated) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", r.runId());
    m.put("question", r.question());
    m.put("answer", r.answer().orElse(null));
    m.put("forcedAnswer", r.forcedAnswer());
    m.put("stopReason", r.stopReason().describe());
    m.put("stop", stopKind(r.stopReason()));
    m.put("refusal", r.refusal().map(f -> f.describe()).orElse(null));
    m.put("usd", r.usd());
    m.put("capUsd", capUsd);
    m.put("model", model);
    m.put("simulated", simulated);
    m.put("usdByModel", r.usdByModel());
    m.put("usdByTool", r.usdByTool());
    m.put("modelCalls", r.modelCalls());
    m.put("inputTokens", r.inputTokens());
    m.put("outputTokens", r.outputTokens());
    m.put("toolUnits", r.toolUnits());
    m.put("steps", r.steps());
    m.put("millis", r.wallTime().toMillis());
    m.put("costBreakdown", r.costBreakdown());
    m.put("trace", "/api/runs/" + r.runId() + "/trace");
    return m;
  }

  /** A short machine-readable name of how the run ended. */
  static String stopKind(StopReason s) {
    if (s instanceof StopReason.Answered) return "answered";
    if (s instanceof StopReason.BudgetExhausted) return "budget_exhausted";
    if (s instanceof StopReason.Overshot) return "overshot";
    if (s instanceof StopReason.MaxSteps) return "max_steps";
    if (s instanceof StopReason.ModelFailure) return "model_failure";
    if (s instanceof StopReason.BudgetStoreUnavailable) return "budget_store_unavailable";
    if (s instanceof StopReason.Cancelled) return "cancelled";
    return s.getClass().getSimpleName();
  }
}
