package dev.frugal.core.budget;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongBinaryOperator;

/**
 * An amount of spending along every dimension a {@link Budget} can cap: tokens, tool units, model
 * calls and pico-dollars (attributed to the model or tool that spent them). Used both for estimates
 * ({@link Ledger#reserve}) and for actual usage ({@link Reservation#settle}). Immutable.
 *
 * <p>Every amount is non-negative (a negative settle would create headroom out of nothing), and
 * every total the ledger computes from one spend ({@link #totalTokens()}, {@link #picos()}) fits in
 * a {@code long}: the constructor rejects anything else with an {@link IllegalArgumentException}
 * naming the amount.
 *
 * @param inputTokens all input tokens, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} served from a prompt cache
 * @param outputTokens output tokens
 * @param toolUnits units by tool name
 * @param modelCalls calls by model name
 * @param modelPicos cost in pico-dollars by model name
 * @param toolPicos cost in pico-dollars by tool name
 */
public record Spend(
    long inputTokens,
    long cachedInputTokens,
    long outputTokens,
    Map<String, Long> toolUnits,
    Map<String, Long> modelCalls,
    Map<String, Long> modelPicos,
    Map<String, Long> toolPicos) {

  /** Nothing spent. */
  public static final Spend ZERO = new Spend(0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of());

  public Spend {
    nonNegative("inputTokens", inputTokens);
    nonNegative("cachedInputTokens", cachedInputTokens);
    nonNegative("outputTokens", outputTokens);
    toolUnits = checked("toolUnits", toolUnits);
    modelCalls = checked("modelCalls", modelCalls);
    modelPicos = checked("modelPicos", modelPicos);
    toolPicos = checked("toolPicos", toolPicos);
    exactSum("inputTokens + outputTokens", inputTokens, outputTokens);
    exactSum(
        "the total cost in pico-dollars",
        total("modelPicos", modelPicos),
        total("toolPicos", toolPicos));
  }

  private static void nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(
          "Spend." + name + " must be >= 0 (an amount spent or reserved), got " + v);
    }
  }

  private static Map<String, Long> checked(String name, Map<String, Long> m) {
    java.util.Objects.requireNonNull(m, name);
    m.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new IllegalArgumentException(
                "Spend." + name + " must not hold null names or amounts, got " + m);
          }
          nonNegative(name + "['" + k + "']", v);
        });
    return Map.copyOf(m);
  }

  private static long total(String name, Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) s = exactSum("the sum of Spend." + name, s, v);
    return s;
  }

  private static long exactSum(String what, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what
              + " overflows a long ("
              + a
              + " + "
              + b
              + "); amounts must sum to at most "
              + Long.MAX_VALUE);
    }
  }

  /** One call to {@code model} with the given token counts, priced by {@code prices}. */
  public static Spend modelCall(
      String model,
      long inputTokens,
      long cachedInputTokens,
      long outputTokens,
      PriceTable prices) {
    long picos = prices.model(model).picos(inputTokens, cachedInputTokens, outputTokens);
    return new Spend(
        inputTokens,
        cachedInputTokens,
        outputTokens,
        Map.of(),
        Map.of(model, 1L),
        Map.of(model, picos),
        Map.of());
  }

  /** {@code units} units of {@code tool}, priced by {@code prices}. */
  public static Spend tool(String tool, long units, PriceTable prices) {
    return new Spend(
        0,
        0,
        0,
        Map.of(tool, units),
        Map.of(),
        Map.of(),
        Map.of(tool, toolPicos(tool, units, prices.toolUnitPicos(tool))));
  }

  private static long toolPicos(String tool, long units, long perUnit) {
    nonNegative("toolUnits['" + tool + "']", units);
    try {
      return Math.multiplyExact(units, perUnit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          units + " units of '" + tool + "' cost more pico-dollars than a long holds");
    }
  }

  /** Input plus output tokens (never overflows: the constructor checks the sum). */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Total cost in pico-dollars. */
  public long picos() {
    return sum(modelPicos) + sum(toolPicos);
  }

  /** Total cost in dollars. */
  public double usd() {
    return Money.usd(picos());
  }

  /** The amount of this spending that counts against {@code cap}. */
  public long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return toolUnits.getOrDefault(t.tool(), 0L);
    } else if (cap instanceof Cap.ModelCalls m) {
      return modelCalls.getOrDefault(m.model(), 0L);
    } else if (cap instanceof Cap.InputTokens) {
      return inputTokens;
    } else if (cap instanceof Cap.OutputTokens) {
      return outputTokens;
    } else if (cap instanceof Cap.TotalTokens) {
      return totalTokens();
    } else {
      return picos();
    }
  }

  public Spend plus(Spend o) {
    return combine(o, Long::sum);
  }

  /**
   * This spending less {@code o}, dimension by dimension.
   *
   * @throws IllegalArgumentException when {@code o} exceeds this spending in some dimension
   */
  public Spend minus(Spend o) {
    return combine(o, (a, b) -> a - b);
  }

  private Spend combine(Spend o, LongBinaryOperator op) {
    return new Spend(
        op.applyAsLong(inputTokens, o.inputTokens),
        op.applyAsLong(cachedInputTokens, o.cachedInputTokens),
        op.applyAsLong(outputTokens, o.outputTokens),
        merge(toolUnits, o.toolUnits, op),
        merge(modelCalls, o.modelCalls, op),
        merge(modelPicos, o.modelPicos, op),
        merge(toolPicos, o.toolPicos, op));
  }

  private static Map<String, Long> merge(
      Map<String, Long> a, Map<String, Long> b, LongBinaryOperator op) {
    if (b.isEmpty()) return a;
    Map<String, Long> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.put(k, op.applyAsLong(out.getOrDefault(k, 0L), v)));
    out.values().removeIf(v -> v == 0L);
    return out;
  }

  private static long sum(Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) s += v;
    return s;
  }
}
