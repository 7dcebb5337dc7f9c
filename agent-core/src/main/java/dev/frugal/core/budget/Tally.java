package dev.frugal.core.budget;

import java.util.HashMap;
import java.util.Map;

/**
 * A mutable running total along every {@link Spend} dimension; the ledger's internal bookkeeping
 * (adding and subtracting in place avoids building maps on every reservation). Not thread-safe:
 * used under the ledger's lock only.
 */
final class Tally {
  private long inputTokens;
  private long cachedInputTokens;
  private long outputTokens;
  private final Map<String, Long> toolUnits = new HashMap<>(4);
  private final Map<String, Long> modelCalls = new HashMap<>(4);
  private final Map<String, Long> modelPicos = new HashMap<>(4);
  private final Map<String, Long> toolPicos = new HashMap<>(4);

  void add(Spend s, int sign) {
    inputTokens += sign * s.inputTokens();
    cachedInputTokens += sign * s.cachedInputTokens();
    outputTokens += sign * s.outputTokens();
    merge(toolUnits, s.toolUnits(), sign);
    merge(modelCalls, s.modelCalls(), sign);
    merge(modelPicos, s.modelPicos(), sign);
    merge(toolPicos, s.toolPicos(), sign);
  }

  long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return toolUnits.getOrDefault(t.tool(), 0L);
    } else if (cap instanceof Cap.ModelCalls m) {
      return modelCalls.getOrDefault(m.model(), 0L);
    } else if (cap instanceof Cap.InputTokens) {
      return inputTokens;
    } else if (cap instanceof Cap.OutputTokens) {
      return outputTokens;
    } else if (cap instanceof Cap.TotalTokens) {
      return inputTokens + outputTokens;
    } else {
      return sum(modelPicos) + sum(toolPicos);
    }
  }

  Spend toSpend() {
    return new Spend(
        inputTokens,
        cachedInputTokens,
        outputTokens,
        nonZero(toolUnits),
        nonZero(modelCalls),
        nonZero(modelPicos),
        nonZero(toolPicos));
  }

  private static void merge(Map<String, Long> into, Map<String, Long> from, int sign) {
    if (from.isEmpty()) return;
    for (Map.Entry<String, Long> e : from.entrySet()) {
      into.merge(e.getKey(), sign * e.getValue(), Long::sum);
    }
  }

  /** An immutable copy without zero entries (Spend keeps it as it is: no second copy). */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> nonZero(Map<String, Long> m) {
    if (m.isEmpty()) return Map.of();
    Map.Entry<String, Long>[] kept = new Map.Entry[m.size()];
    int n = 0;
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (e.getValue() != 0) kept[n++] = Map.entry(e.getKey(), e.getValue());
    }
    return Map.ofEntries(java.util.Arrays.copyOf(kept, n));
  }

  private static long sum(Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) s += v;
    return s;
  }
}
