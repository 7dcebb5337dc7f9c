package dev.frugal.core.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-run summary of a trace: model calls and cost by model, tool units by tool, refusals, answer
 * and stop reason.
 */
public record TraceSummary(List<Run> runs) {

  /** One run of the trace. */
  public record Run(
      String runId,
      String question,
      String strategy,
      Map<String, Long> modelCalls,
      Map<String, Double> usdByModel,
      Map<String, Long> toolUnits,
      int toolErrors,
      int repeats,
      int refusals,
      String answer,
      String stopReason,
      double usd) {}

  /** Summarises events, grouping them by run id in order of first appearance. */
  public static TraceSummary of(List<RunEvent> events) {
    Map<String, Acc> runs = new LinkedHashMap<>();
    for (RunEvent e : events) {
      Acc a = runs.computeIfAbsent(e.runId(), Acc::new);
      if (e instanceof RunEvent.RunStarted s) {
        a.question = s.question();
        a.strategy = s.strategy();
      } else if (e instanceof RunEvent.ModelCalled m) {
        a.calls.merge(m.model(), 1L, Long::sum);
        a.usdByModel.merge(m.model(), m.usd(), Double::sum);
        a.usd += m.usd();
      } else if (e instanceof RunEvent.ToolCalled t) {
        a.units.merge(t.tool(), t.units(), Long::sum);
        a.usd += t.usd();
        if (t.outcome().equals("error")) a.errors++;
        if (t.outcome().equals("repeat")) a.repeats++;
      } else if (e instanceof RunEvent.Refused) {
        a.refusals++;
      } else if (e instanceof RunEvent.AnswerGiven g) {
        a.answer = g.answer();
      } else if (e instanceof RunEvent.RunFinished f) {
        a.stop = f.stopReason();
        a.answer = f.answer();
      }
    }
    List<Run> out = new ArrayList<>();
    runs.values().forEach(a -> out.add(a.toRun()));
    return new TraceSummary(out);
  }

  /** A readable multi-line rendering. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Run r : runs) {
      sb.append(String.format(Locale.ROOT, "run %s [%s]%n", r.runId(), r.strategy()));
      sb.append("  question: ").append(r.question()).append('\n');
      sb.append("  answer:   ").append(r.answer() == null ? "(none)" : r.answer()).append('\n');
      sb.append("  stopped:  ").append(r.stopReason()).append('\n');
      sb.append(String.format(Locale.ROOT, "  cost:     $%.6f%n", r.usd()));
      r.modelCalls()
          .forEach(
              (m, n) ->
                  sb.append(
                      String.format(
                          Locale.ROOT,
                          "    model %-20s %3d calls  $%.6f%n",
                          m,
                          n,
                          r.usdByModel().get(m))));
      r.toolUnits()
          .forEach(
              (t, u) -> sb.append(String.format(Locale.ROOT, "    tool  %-20s %3d units%n", t, u)));
      sb.append(
          String.format(
              Locale.ROOT,
              "  tool errors: %d, repeated calls: %d, refusals: %d%n",
              r.toolErrors(),
              r.repeats(),
              r.refusals()));
    }
    return sb.toString();
  }

  private static final class Acc {
    final String id;
    String question;
    String strategy;
    final Map<String, Long> calls = new TreeMap<>();
    final Map<String, Double> usdByModel = new TreeMap<>();
    final Map<String, Long> units = new TreeMap<>();
    int errors;
    int repeats;
    int refusals;
    String answer;
    String stop = "(not finished)";
    double usd;

    Acc(String id) {
      this.id = id;
    }

    Run toRun() {
      return new Run(
          id,
          question,
          strategy,
          calls,
          usdByModel,
          units,
          errors,
          repeats,
          refusals,
          answer,
          stop,
          usd);
    }
  }
}
