package dev.frugal.core.budget;

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
  private static final String[] NO_NAMES = new String[0];
  private static final long[] NO_VALUES = new long[0];

  private long inputTokens;
  private long cachedInputTokens;
  private long outputTokens;
  // every pico-dollar entry summed as it is added, so that a dollar cap reads one field; exact
  // until an entry or this sum saturates, after which picos() sums the entries again
  private long picos;
  private boolean picosExact = true;
  // One table for the named totals, tools in [0, tools) and models in [tools, n), each part sorted
  // by name; two columns per entry at values[2 * i + column]: a tool's units (0) and pico-dollars
  // (1), a model's calls (0) and pico-dollars (1). With thousands of runs in flight every ledger
  // is cold in the cache, so a reservation touches this object and two arrays, not seven objects.
  // A name stays once it has been seen, even at zero.
  private String[] names = NO_NAMES;
  private long[] values = NO_VALUES;
  private int tools;
  private int n;

  void add(Spend s, int sign) {
    inputTokens = sat(inputTokens, sign * s.inputTokens());
    cachedInputTokens = sat(cachedInputTokens, sign * s.cachedInputTokens());
    outputTokens = sat(outputTokens, sign * s.outputTokens());
    addAll(s.toolUnitAmounts(), false, 0, sign);
    addAll(s.toolPicoAmounts(), false, 1, sign);
    addAll(s.modelCallAmounts(), true, 0, sign);
    addAll(s.modelPicoAmounts(), true, 1, sign);
  }

  private void addAll(Amounts from, boolean model, int col, int sign) {
    for (int j = 0, m = from.count(); j < m; j++) {
      long v = sign * from.value(j);
      int at = 2 * indexOf(from.name(j), model) + col;
      long r = sat(values[at], v);
      if (col == 1) {
        if (r != values[at] + v) picosExact = false; // the entry saturated
        long p = sat(picos, v);
        if (p != picos + v) picosExact = false;
        picos = p;
      }
      values[at] = r;
    }
  }

  long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return get(t.tool(), false, 0);
    } else if (cap instanceof Cap.ModelCalls m) {
      return get(m.model(), true, 0);
    } else if (cap instanceof Cap.InputTokens) {
      return inputTokens;
    } else if (cap instanceof Cap.OutputTokens) {
      return outputTokens;
    } else if (cap instanceof Cap.TotalTokens) {
      return sat(inputTokens, outputTokens);
    } else {
      return picos();
    }
  }

  private long picos() {
    return picosExact ? picos : sat(sum(tools, n, 1), sum(0, tools, 1));
  }

  /**
   * These totals as a {@link Spend}. A saturated tally (totals beyond {@link Long#MAX_VALUE}) is
   * clamped so that its sums still fit: output tokens to {@code MAX - inputTokens}, and pico-dollar
   * entries to what is left of {@code MAX} in order of name, models first.
   */
  Spend toSpend() {
    if (isZero()) return Spend.ZERO; // a ledger with nothing in flight: no copy to make
    Amounts modelPicos;
    Amounts toolPicos;
    if (picos() == Long.MAX_VALUE) {
      long[] left = {Long.MAX_VALUE};
      modelPicos = clamped(tools, n, left);
      toolPicos = clamped(0, tools, left);
    } else {
      modelPicos = Amounts.nonZero(names, values, 2, 1, tools, n);
      toolPicos = Amounts.nonZero(names, values, 2, 1, 0, tools);
    }
    return new Spend(
        inputTokens,
        cachedInputTokens,
        Math.min(outputTokens, Long.MAX_VALUE - inputTokens),
        Amounts.nonZero(names, values, 2, 0, 0, tools),
        Amounts.nonZero(names, values, 2, 0, tools, n),
        modelPicos,
        toolPicos);
  }

  private boolean isZero() {
    if (inputTokens != 0 || cachedInputTokens != 0 || outputTokens != 0) return false;
    for (int i = 0; i < 2 * n; i++) if (values[i] != 0) return false;
    return true;
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
        && below(picos(), s.picos())
        && fits(s.toolUnitAmounts(), false, 0)
        && fits(s.toolPicoAmounts(), false, 1)
        && fits(s.modelCallAmounts(), true, 0)
        && fits(s.modelPicoAmounts(), true, 1);
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

  private long get(String name, boolean model, int col) {
    for (int i = model ? tools : 0, end = model ? n : tools; i < end; i++) {
      if (names[i] == name || names[i].equals(name)) return values[2 * i + col];
    }
    return 0;
  }

  private boolean fits(Amounts from, boolean model, int col) {
    for (int j = 0, m = from.count(); j < m; j++) {
      if (!below(get(from.name(j), model, col), from.value(j))) return false;
    }
    return true;
  }

  /** Column {@code col} of the entries {@code [from, to)}, summed with saturation. */
  private long sum(int from, int to, int col) {
    long s = 0;
    for (int i = from; i < to; i++) s = sat(s, values[2 * i + col]);
    return s;
  }

  /** The pico-dollars of the entries {@code [from, to)}, in order of name, cut to what is left. */
  private Amounts clamped(int from, int to, long[] left) {
    long[] cut = new long[to - from];
    for (int i = from; i < to; i++) {
      cut[i - from] = Math.min(values[2 * i + 1], left[0]);
      left[0] -= Math.max(0, cut[i - from]);
    }
    return Amounts.nonZero(java.util.Arrays.copyOfRange(names, from, to), cut, 1, 0, 0, to - from);
  }

  /** The index of {@code name} among the tools or the models, inserted with zero totals if new. */
  private int indexOf(String name, boolean model) {
    int at = model ? tools : 0;
    for (int end = model ? n : tools; at < end; at++) {
      if (names[at] == name) return at;
      int c = names[at].compareTo(name);
      if (c == 0) return at;
      if (c > 0) break;
    }
    if (n == names.length) {
      int size = Math.max(2, n * 2);
      names = java.util.Arrays.copyOf(names, size);
      values = java.util.Arrays.copyOf(values, 2 * size);
    }
    System.arraycopy(names, at, names, at + 1, n - at);
    System.arraycopy(values, 2 * at, values, 2 * at + 2, 2 * (n - at));
    names[at] = name;
    values[2 * at] = 0;
    values[2 * at + 1] = 0;
    n++;
    if (!model) tools++;
    return at;
  }
}
