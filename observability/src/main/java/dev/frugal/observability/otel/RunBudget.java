package dev.frugal.observability.otel;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.tracker.Regime;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is left of one run's budget, followed from its events: the caps its {@link
 * RunEvent.RunStarted} lists, minus what each charged model and tool call spent. The regime is the
 * Budget Tracker's rule (lowest remaining fraction over the capped tools, else over the other caps)
 * with the tracker's default thresholds; not thread-safe, the listener synchronises on the run.
 */
final class RunBudget {
  private static final Pattern TOOL = Pattern.compile("tool units of '(.*)'");
  private static final Pattern MODEL = Pattern.compile("calls to model '(.*)'");

  private final Map<String, Double> limits = new LinkedHashMap<>();
  private final Map<String, Double> used = new LinkedHashMap<>();

  /**
   * Dollars spent, summed in decimal (each call's cost as its shortest decimal form), so that what
   * is left reads as the decimal it is ($0.00888, not 0.008880000000000001).
   */
  private BigDecimal usedUsd = BigDecimal.ZERO;

  private static final String USD = new Cap.Usd().describe();
  private final double high;
  private final double medium;
  private final double low;

  RunBudget(Map<String, Object> caps, double high, double medium, double low) {
    this.high = high;
    this.medium = medium;
    this.low = low;
    if (caps != null) {
      caps.forEach(
          (k, v) -> {
            if (v instanceof Number n) limits.put(k, n.doubleValue());
          });
    }
  }

  void modelCall(RunEvent.ModelCalled m) {
    add(new Cap.InputTokens().describe(), m.inputTokens());
    add(new Cap.OutputTokens().describe(), m.outputTokens());
    add(new Cap.TotalTokens().describe(), m.inputTokens() + m.outputTokens());
    add(new Cap.Usd().describe(), m.usd());
    add(new Cap.ModelCalls(m.model()).describe(), 1);
  }

  void toolCall(RunEvent.ToolCalled t) {
    add(new Cap.ToolUnits(t.tool()).describe(), t.units());
    add(new Cap.Usd().describe(), t.usd());
  }

  private void add(String cap, double amount) {
    if (cap.equals(USD)) {
      usedUsd = usedUsd.add(BigDecimal.valueOf(amount));
      return;
    }
    used.merge(cap, amount, Double::sum);
  }

  /** What is left of {@code cap} (its description), or empty when it is not capped. */
  OptionalDouble remaining(String cap) {
    Double limit = limits.get(cap);
    if (limit == null) return OptionalDouble.empty();
    if (cap.equals(USD)) {
      BigDecimal left = BigDecimal.valueOf(limit).subtract(usedUsd);
      return OptionalDouble.of(left.signum() < 0 ? 0 : left.doubleValue());
    }
    return OptionalDouble.of(Math.max(0, limit - used.getOrDefault(cap, 0.0)));
  }

  OptionalDouble remainingUsd() {
    return remaining(new Cap.Usd().describe());
  }

  OptionalDouble remainingToolUnits(String tool) {
    return remaining(new Cap.ToolUnits(tool).describe());
  }

  /** The lowest remaining fraction that decides the regime; empty when nothing is capped. */
  OptionalDouble remainingFraction() {
    OptionalDouble tools = minFraction(true);
    return tools.isPresent() ? tools : minFraction(false);
  }

  private OptionalDouble minFraction(boolean tools) {
    double min = Double.NaN;
    for (Map.Entry<String, Double> e : limits.entrySet()) {
      if (TOOL.matcher(e.getKey()).matches() != tools) continue;
      if (!tools && MODEL.matcher(e.getKey()).matches()) continue;
      double f = e.getValue() == 0 ? 0 : remaining(e.getKey()).getAsDouble() / e.getValue();
      min = Double.isNaN(min) ? f : Math.min(min, f);
    }
    return Double.isNaN(min) ? OptionalDouble.empty() : OptionalDouble.of(min);
  }

  /** The regime the Budget Tracker reports for what is left; HIGH when nothing is capped. */
  Regime regime() {
    for (String cap : limits.keySet()) {
      if (TOOL.matcher(cap).matches() && remaining(cap).getAsDouble() <= 0) return Regime.CRITICAL;
    }
    double f = remainingFraction().orElse(1.0);
    if (f >= high) return Regime.HIGH;
    if (f >= medium) return Regime.MEDIUM;
    if (f >= low) return Regime.LOW;
    return Regime.CRITICAL;
  }

  /**
   * Every cap but dollars with what is left of it, keyed for attribute names ({@code
   * tool_units.search}); dollars have their own attribute ({@link SpanKeys#REMAINING_USD}).
   */
  Map<String, Double> remainingByKey() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String cap : limits.keySet()) {
      if (!cap.equals(USD)) out.put(key(cap), remaining(cap).getAsDouble());
    }
    return out;
  }

  /** A cap's description as an attribute-name suffix. */
  static String key(String cap) {
    Matcher t = TOOL.matcher(cap);
    if (t.matches()) return "tool_units." + t.group(1);
    Matcher m = MODEL.matcher(cap);
    if (m.matches()) return "model_calls." + m.group(1);
    return cap.toLowerCase(Locale.ROOT).replace(' ', '_');
  }
}
