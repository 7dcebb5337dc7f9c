package dev.frugal.core.budget;

/**
 * The mutable running totals of a ledger (or a shared scope) along every {@link Spend} dimension,
 * on two sides: what was spent ({@link #USED}) and what is held for calls in flight ({@link
 * #RESERVED}). The ledger's internal bookkeeping (adding and subtracting in place avoids building
 * maps on every reservation). Not thread-safe: used under the ledger's lock only.
 *
 * <p>Overflow: {@link #add} saturates at {@link Long#MAX_VALUE}, which is right for spending (it
 * only grows, and a saturated total still exceeds every cap). Reservations are added and later
 * subtracted again, so the ledger first asks {@link #fitsExactly} and refuses one that would
 * saturate.
 */
final class Tally {
  /** The side of what was spent. */
  static final int USED = 0;

  /** The side of what is held for calls in flight. */
  static final int RESERVED = 1;

  private static final String[] NO_NAMES = new String[0];
  // per side s, at 4 * s: input tokens (+0), cached input tokens (+1), output tokens (+2), and
  // every pico-dollar entry summed as it is added (+3), so that a dollar cap reads one value
  private static final int HEAD = 8;

  // One table for both sides and for the named totals: tools in [0, tools) and models in [tools,
  // n), each part sorted by name, four columns per entry at values[HEAD + 4 * i + 2 * side + c]: a
  // tool's units (c = 0) and pico-dollars (1), a model's calls (0) and pico-dollars (1). With
  // thousands of runs in flight every ledger is cold in the cache, so a reservation touches this
  // object and two arrays. A name stays once it has been seen, even at zero.
  private String[] names = NO_NAMES;
  private long[] values = new long[HEAD];
  private int tools;
  private int n;
  // bit s set: an entry or the dollar sum of side s saturated, and picos(s) sums the entries
  private int inexact;

  void add(int side, Spend s, int sign) {
    int h = 4 * side;
    values[h] = sat(values[h], sign * s.inputTokens());
    values[h + 1] = sat(values[h + 1], sign * s.cachedInputTokens());
    values[h + 2] = sat(values[h + 2], sign * s.outputTokens());
    addAll(side, s.toolUnitAmounts(), false, 0, sign);
    addAll(side, s.toolPicoAmounts(), false, 1, sign);
    addAll(side, s.modelCallAmounts(), true, 0, sign);
    addAll(side, s.modelPicoAmounts(), true, 1, sign);
  }

  private void addAll(int side, Amounts from, boolean model, int col, int sign) {
    for (int j = 0, m = from.count(); j < m; j++) {
      long v = sign * from.value(j);
      int at = HEAD + 4 * indexOf(from.name(j), model) + 2 * side + col;
      long r = sat(values[at], v);
      if (col == 1) {
        int p = 4 * side + 3;
        long sum = sat(values[p], v);
        if (r != values[at] + v || sum != values[p] + v) inexact |= 1 << side; // saturated
        values[p] = sum;
      }
      values[at] = r;
    }
  }

  long amount(int side, Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return get(side, t.tool(), false, 0);
    } else if (cap instanceof Cap.ModelCalls m) {
      return get(side, m.model(), true, 0);
    } else if (cap instanceof Cap.InputTokens) {
      return values[4 * side];
    } else if (cap instanceof Cap.OutputTokens) {
      return values[4 * side + 2];
    } else if (cap instanceof Cap.TotalTokens) {
      return sat(values[4 * side], values[4 * side + 2]);
    } else {
      return picos(side);
    }
  }

  private long picos(int side) {
    if ((inexact & (1 << side)) == 0) return values[4 * side + 3];
    return sat(sum(side, tools, n), sum(side, 0, tools));
  }

  /**
   * One side's totals as a {@link Spend}. A saturated side (totals beyond {@link Long#MAX_VALUE})
   * is clamped so that its sums still fit: output tokens to {@code MAX - inputTokens}, and
   * pico-dollar entries to what is left of {@code MAX} in order of name, models first.
   */
  Spend toSpend(int side) {
    if (isZero(side)) return Spend.ZERO; // a ledger with nothing in flight: no copy to make
    Amounts modelPicos;
    Amounts toolPicos;
    int units = HEAD + 2 * side; // a unit or call column; its pico-dollars follow it
    if (picos(side) == Long.MAX_VALUE) {
      long[] left = {Long.MAX_VALUE};
      modelPicos = clamped(side, tools, n, left);
      toolPicos = clamped(side, 0, tools, left);
    } else {
      modelPicos = Amounts.nonZero(names, values, 4, units + 1, tools, n);
      toolPicos = Amounts.nonZero(names, values, 4, units + 1, 0, tools);
    }
    long in = values[4 * side];
    return new Spend(
        in,
        values[4 * side + 1],
        Math.min(values[4 * side + 2], Long.MAX_VALUE - in),
        Amounts.nonZero(names, values, 4, units, 0, tools),
        Amounts.nonZero(names, values, 4, units, tools, n),
        modelPicos,
        toolPicos);
  }

  private boolean isZero(int side) {
    int h = 4 * side;
    if (values[h] != 0 || values[h + 1] != 0 || values[h + 2] != 0) return false;
    for (int i = 0; i < n; i++) {
      int at = HEAD + 4 * i + 2 * side;
      if (values[at] != 0 || values[at + 1] != 0) return false;
    }
    return true;
  }

  /**
   * True when adding {@code s} to {@code side} keeps every total exact (below {@link
   * Long#MAX_VALUE}), so that subtracting it later gives back exactly what it added.
   */
  boolean fitsExactly(int side, Spend s) {
    int h = 4 * side;
    return below(values[h], s.inputTokens())
        && below(values[h + 1], s.cachedInputTokens())
        && below(values[h + 2], s.outputTokens())
        && below(sat(values[h], values[h + 2]), s.totalTokens())
        && below(picos(side), s.picos())
        && fits(side, s.toolUnitAmounts(), false, 0)
        && fits(side, s.toolPicoAmounts(), false, 1)
        && fits(side, s.modelCallAmounts(), true, 0)
        && fits(side, s.modelPicoAmounts(), true, 1);
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

  private long get(int side, String name, boolean model, int col) {
    for (int i = model ? tools : 0, end = model ? n : tools; i < end; i++) {
      if (names[i] == name || names[i].equals(name)) return values[HEAD + 4 * i + 2 * side + col];
    }
    return 0;
  }

  private boolean fits(int side, Amounts from, boolean model, int col) {
    for (int j = 0, m = from.count(); j < m; j++) {
      if (!below(get(side, from.name(j), model, col), from.value(j))) return false;
    }
    return true;
  }

  /** One side's pico-dollars of the entries {@code [from, to)}, summed with saturation. */
  private long sum(int side, int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) s = sat(s, values[HEAD + 4 * i + 2 * side + 1]);
    return s;
  }

  /** One side's pico-dollars of the entries {@code [from, to)}, in order, cut to what is left. */
  private Amounts clamped(int side, int from, int to, long[] left) {
    long[] cut = new long[to - from];
    for (int i = from; i < to; i++) {
      cut[i - from] = Math.min(values[HEAD + 4 * i + 2 * side + 1], left[0]);
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
      values = java.util.Arrays.copyOf(values, HEAD + 4 * size);
    }
    System.arraycopy(names, at, names, at + 1, n - at);
    System.arraycopy(values, HEAD + 4 * at, values, HEAD + 4 * at + 4, 4 * (n - at));
    names[at] = name;
    java.util.Arrays.fill(values, HEAD + 4 * at, HEAD + 4 * at + 4, 0);
    n++;
    if (!model) tools++;
    return at;
  }
}
