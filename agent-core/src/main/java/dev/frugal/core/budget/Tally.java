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
  private long inputTokens;
  private long cachedInputTokens;
  private long outputTokens;
  // per tool: units (column 0) and pico-dollars (1); per model: calls (0) and pico-dollars (1)
  private final Named tools = new Named();
  private final Named models = new Named();

  void add(Spend s, int sign) {
    inputTokens = sat(inputTokens, sign * s.inputTokens());
    cachedInputTokens = sat(cachedInputTokens, sign * s.cachedInputTokens());
    outputTokens = sat(outputTokens, sign * s.outputTokens());
    tools.add(s.toolUnitAmounts(), 0, sign);
    tools.add(s.toolPicoAmounts(), 1, sign);
    models.add(s.modelCallAmounts(), 0, sign);
    models.add(s.modelPicoAmounts(), 1, sign);
  }

  long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return tools.get(t.tool(), 0);
    } else if (cap instanceof Cap.ModelCalls m) {
      return models.get(m.model(), 0);
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
    return sat(models.sum(1), tools.sum(1));
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
      modelPicos = models.clamped(1, left);
      toolPicos = tools.clamped(1, left);
    } else {
      modelPicos = models.nonZero(1);
      toolPicos = tools.nonZero(1);
    }
    return new Spend(
        inputTokens,
        cachedInputTokens,
        Math.min(outputTokens, Long.MAX_VALUE - inputTokens),
        tools.nonZero(0),
        models.nonZero(0),
        modelPicos,
        toolPicos);
  }

  private boolean isZero() {
    return inputTokens == 0
        && cachedInputTokens == 0
        && outputTokens == 0
        && tools.isZero()
        && models.isZero();
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
        && tools.fits(s.toolUnitAmounts(), 0)
        && tools.fits(s.toolPicoAmounts(), 1)
        && models.fits(s.modelCallAmounts(), 0)
        && models.fits(s.modelPicoAmounts(), 1);
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

  /**
   * Two running totals per name (a tool's units and pico-dollars, a model's calls and
   * pico-dollars), for the handful of names a run uses: the names in one array kept sorted, the
   * totals side by side in another, read without boxing and allocated on the first name. With
   * thousands of runs in flight every ledger is cold in the cache, so what a reservation touches is
   * kept to few objects. A name stays once it has been seen, even at zero.
   */
  private static final class Named {
    private static final String[] NO_NAMES = new String[0];
    private static final long[] NO_VALUES = new long[0];
    private String[] names = NO_NAMES;
    private long[] values = NO_VALUES; // name i: column c at 2 * i + c
    private int n;

    long get(String name, int col) {
      for (int i = 0; i < n; i++) {
        if (names[i] == name || names[i].equals(name)) return values[2 * i + col];
      }
      return 0;
    }

    void add(Amounts from, int col, int sign) {
      for (int j = 0, m = from.count(); j < m; j++) {
        int at = 2 * indexOf(from.name(j)) + col;
        values[at] = sat(values[at], sign * from.value(j));
      }
    }

    boolean fits(Amounts from, int col) {
      for (int j = 0, m = from.count(); j < m; j++) {
        if (!below(get(from.name(j), col), from.value(j))) return false;
      }
      return true;
    }

    boolean isZero() {
      for (int i = 0; i < 2 * n; i++) if (values[i] != 0) return false;
      return true;
    }

    long sum(int col) {
      long s = 0;
      for (int i = 0; i < n; i++) s = sat(s, values[2 * i + col]);
      return s;
    }

    /** An immutable copy of one column without zero entries. */
    Amounts nonZero(int col) {
      return n == 0 ? Amounts.EMPTY : Amounts.nonZero(names, values, 2, col, n);
    }

    /** A copy of one column with each entry, in order of name, cut to what is left. */
    Amounts clamped(int col, long[] left) {
      long[] cut = new long[n];
      for (int i = 0; i < n; i++) {
        cut[i] = Math.min(values[2 * i + col], left[0]);
        left[0] -= Math.max(0, cut[i]);
      }
      return Amounts.nonZero(names, cut, 1, 0, n);
    }

    /** The index of {@code name}, inserted at its sorted place with zero totals if new. */
    private int indexOf(String name) {
      int at = 0;
      for (; at < n; at++) {
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
      return at;
    }
  }
}
