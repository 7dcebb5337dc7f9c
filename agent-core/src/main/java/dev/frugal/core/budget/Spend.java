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
 * <p>Its per-name maps are read-only, sorted by name and equal to any map with the same entries;
 * the total in pico-dollars is computed once. (It was a record with the same constructor and
 * accessors; it became a class so that the ledger, which reads a spend several times per
 * reservation, does not re-add its maps or box its amounts each time.)
 */
public final class Spend {
  /** Nothing spent. */
  public static final Spend ZERO =
      new Spend(0, 0, 0, Amounts.EMPTY, Amounts.EMPTY, Amounts.EMPTY, Amounts.EMPTY);

  private final long inputTokens;
  private final long cachedInputTokens;
  private final long outputTokens;
  private final Amounts toolUnits;
  private final Amounts modelCalls;
  private final Amounts modelPicos;
  private final Amounts toolPicos;
  private final long picos;

  /**
   * Copies the maps.
   *
   * @throws IllegalArgumentException for a negative amount, a null name or amount, or totals that
   *     overflow a {@code long}
   */
  public Spend(
      long inputTokens,
      long cachedInputTokens,
      long outputTokens,
      Map<String, Long> toolUnits,
      Map<String, Long> modelCalls,
      Map<String, Long> modelPicos,
      Map<String, Long> toolPicos) {
    this(
        nonNegative("inputTokens", inputTokens),
        nonNegative("cachedInputTokens", cachedInputTokens),
        nonNegative("outputTokens", outputTokens),
        Amounts.copyOf("toolUnits", toolUnits, false),
        Amounts.copyOf("modelCalls", modelCalls, false),
        Amounts.copyOf("modelPicos", modelPicos, true),
        Amounts.copyOf("toolPicos", toolPicos, true));
  }

  /**
   * Amounts already checked one by one (the pico-dollar ones with an exact total, or a total that
   * the caller knows to fit); checks the two cross-sums.
   */
  Spend(
      long inputTokens,
      long cachedInputTokens,
      long outputTokens,
      Amounts toolUnits,
      Amounts modelCalls,
      Amounts modelPicos,
      Amounts toolPicos) {
    Amounts.sumOf("inputTokens + outputTokens", inputTokens, outputTokens);
    this.picos =
        Amounts.sumOf("the total cost in pico-dollars", modelPicos.total(), toolPicos.total());
    this.inputTokens = inputTokens;
    this.cachedInputTokens = cachedInputTokens;
    this.outputTokens = outputTokens;
    this.toolUnits = toolUnits;
    this.modelCalls = modelCalls;
    this.modelPicos = modelPicos;
    this.toolPicos = toolPicos;
  }

  private static long nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(
          "Spend." + name + " must be >= 0 (an amount spent or reserved), got " + v);
    }
    return v;
  }

  /** All input tokens, cached ones included. */
  public long inputTokens() {
    return inputTokens;
  }

  /** The part of {@link #inputTokens()} served from a prompt cache. */
  public long cachedInputTokens() {
    return cachedInputTokens;
  }

  /** Output tokens. */
  public long outputTokens() {
    return outputTokens;
  }

  /** Units by tool name (read-only). */
  public Map<String, Long> toolUnits() {
    return toolUnits;
  }

  /** Calls by model name (read-only). */
  public Map<String, Long> modelCalls() {
    return modelCalls;
  }

  /** Cost in pico-dollars by model name (read-only). */
  public Map<String, Long> modelPicos() {
    return modelPicos;
  }

  /** Cost in pico-dollars by tool name (read-only). */
  public Map<String, Long> toolPicos() {
    return toolPicos;
  }

  Amounts toolUnitAmounts() {
    return toolUnits;
  }

  Amounts modelCallAmounts() {
    return modelCalls;
  }

  Amounts modelPicoAmounts() {
    return modelPicos;
  }

  Amounts toolPicoAmounts() {
    return toolPicos;
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
        Amounts.EMPTY,
        Amounts.of(model, 1L),
        Amounts.of(model, picos),
        Amounts.EMPTY);
  }

  /** {@code units} units of {@code tool}, priced by {@code prices}. */
  public static Spend tool(String tool, long units, PriceTable prices) {
    long picos = toolPicos(tool, units, prices.toolUnitPicos(tool));
    return new Spend(
        0, 0, 0, Amounts.of(tool, units), Amounts.EMPTY, Amounts.EMPTY, Amounts.of(tool, picos));
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
    return picos;
  }

  /** Total cost in dollars. */
  public double usd() {
    return Money.usd(picos());
  }

  /** The amount of this spending that counts against {@code cap}. */
  public long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return toolUnits.amount(t.tool());
    } else if (cap instanceof Cap.ModelCalls m) {
      return modelCalls.amount(m.model());
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

  /** This spend plus {@code o}. */
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Spend s
        && inputTokens == s.inputTokens
        && cachedInputTokens == s.cachedInputTokens
        && outputTokens == s.outputTokens
        && toolUnits.equals(s.toolUnits)
        && modelCalls.equals(s.modelCalls)
        && modelPicos.equals(s.modelPicos)
        && toolPicos.equals(s.toolPicos);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        inputTokens, cachedInputTokens, outputTokens, toolUnits, modelCalls, modelPicos, toolPicos);
  }

  @Override
  public String toString() {
    return "Spend[inputTokens="
        + inputTokens
        + ", cachedInputTokens="
        + cachedInputTokens
        + ", outputTokens="
        + outputTokens
        + ", toolUnits="
        + toolUnits
        + ", modelCalls="
        + modelCalls
        + ", modelPicos="
        + modelPicos
        + ", toolPicos="
        + toolPicos
        + "]";
  }
}
