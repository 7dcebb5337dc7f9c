package dev.frugal.core.budget;

import java.util.HashMap;
import java.util.Map;

/**
 * A mutable running total along every {@link Spend} dimension; the ledger's internal bookkeeping
 * (adding and subtracting in place avoids building maps on every reservation). Not thread-safe:
 * used under the ledger's lock only.
 *
 * <p>Overflow: {@link #add} saturates at {@link Long#MAX_VALUE}, which is right for spending (it
 * only grows, and a saturated total still exceeds every cap). Reservations are added and later
 * subtracted again, so the ledger first asks {@link #fitsExactly} and refuses one that would
 * saturate.
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
    inputTokens = sat(inputTokens, sign * s.inputTokens());
    cachedInputTokens = sat(cachedInputTokens, sign * s.cachedInputTokens());
    outputTokens = sat(outputTokens, sign * s.outputTokens());
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
      return sat(inputTokens, outputTokens);
    } else {
      return sat(sum(modelPicos), sum(toolPicos));
    }
  }

  /**
   * These totals as a {@link Spend}. A saturated tally (totals beyond {@link Long#MAX_VALUE}) is
   * clamped so that its sums still fit: output tokens to {@code MAX - inputTokens}, and pico-dollar
   * entries to what is left of {@code MAX} in order.
   */
  Spend toSpend() {
    Map<String, Long> models = nonZero(modelPicos);
    Map<String, Long> tools = nonZero(toolPicos);
    if (sat(sum(modelPicos), sum(toolPicos)) == Long.MAX_VALUE) {
      long[] left = {Long.MAX_VALUE};
      models = clamp(models, left);
      tools = clamp(tools, left);
    }
    return new Spend(
        inputTokens,
        cachedInputTokens,
        Math.min(outputTokens, Long.MAX_VALUE - inputTokens),
        nonZero(toolUnits),
        nonZero(modelCalls),
        models,
        tools);
  }

  private static Map<String, Long> clamp(Map<String, Long> m, long[] left) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(m).entrySet()) {
      long v = Math.min(e.getValue(), left[0]);
      left[0] -= v;
      if (v > 0) out.put(e.getKey(), v);
    }
    return out;
  }

  private static void merge(Map<String, Long> into, Map<String, Long> from, int sign) {
    if (from.isEmpty()) return;
    for (Map.Entry<String, Long> e : from.entrySet()) {
      into.merge(e.getKey(), sign * e.getValue(), Tally::sat);
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

  /**
   * True when adding {@code s} keeps every total exact (below {@link Long#MAX_VALUE}), so that
   * subtracting it later gives back exactly what it added.
   */
  boolean fitsExactly(Spend s) {
    return below(inputTokens, s.inputTokens())
        && below(cachedInputTokens, s.cachedInputTokens())
        && below(outputTokens, s.outputTokens())
        && below(sat(inputTokens, outputTokens), s.totalTokens())
        && below(sat(sum(modelPicos), sum(toolPicos)), s.picos())
        && fits(toolUnits, s.toolUnits())
        && fits(modelCalls, s.modelCalls())
        && fits(modelPicos, s.modelPicos())
        && fits(toolPicos, s.toolPicos());
  }

  private static boolean fits(Map<String, Long> into, Map<String, Long> from) {
    for (Map.Entry<String, Long> e : from.entrySet()) {
      if (!below(into.getOrDefault(e.getKey(), 0L), e.getValue())) return false;
    }
    return true;
  }

  private static boolean below(long a, long b) {
    return a + b >= a && a + b < Long.MAX_VALUE; // b >= 0: a wrap shows as a smaller sum
  }

  /** {@code a + b}, saturated at the bounds of a long instead of wrapping. */
  static long sat(long a, long b) {
    long r = a + b;
    // overflow iff both operands have the sign opposite to the result
    if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    return r;
  }

  private static long sum(Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) s = sat(s, v);
    return s;
  }
}
