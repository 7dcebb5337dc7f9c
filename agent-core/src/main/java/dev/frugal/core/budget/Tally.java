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
  private final Named toolUnits = new Named();
  private final Named modelCalls = new Named();
  private final Named modelPicos = new Named();
  private final Named toolPicos = new Named();

  void add(Spend s, int sign) {
    inputTokens = sat(inputTokens, sign * s.inputTokens());
    cachedInputTokens = sat(cachedInputTokens, sign * s.cachedInputTokens());
    outputTokens = sat(outputTokens, sign * s.outputTokens());
    toolUnits.add(s.toolUnitAmounts(), sign);
    modelCalls.add(s.modelCallAmounts(), sign);
    modelPicos.add(s.modelPicoAmounts(), sign);
    toolPicos.add(s.toolPicoAmounts(), sign);
  }

  long amount(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return toolUnits.get(t.tool());
    } else if (cap instanceof Cap.ModelCalls m) {
      return modelCalls.get(m.model());
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
    return sat(modelPicos.sum(), toolPicos.sum());
  }

  /**
   * These totals as a {@link Spend}. A saturated tally (totals beyond {@link Long#MAX_VALUE}) is
   * clamped so that its sums still fit: output tokens to {@code MAX - inputTokens}, and pico-dollar
   * entries to what is left of {@code MAX} in order of name, models first.
   */
  Spend toSpend() {
    Amounts models;
    Amounts tools;
    if (picos() == Long.MAX_VALUE) {
      long[] left = {Long.MAX_VALUE};
      models = modelPicos.clamped(left);
      tools = toolPicos.clamped(left);
    } else {
      models = modelPicos.nonZero();
      tools = toolPicos.nonZero();
    }
    return new Spend(
        inputTokens,
        cachedInputTokens,
        Math.min(outputTokens, Long.MAX_VALUE - inputTokens),
        toolUnits.nonZero(),
        modelCalls.nonZero(),
        models,
        tools);
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
        && toolUnits.fits(s.toolUnitAmounts())
        && modelCalls.fits(s.modelCallAmounts())
        && modelPicos.fits(s.modelPicoAmounts())
        && toolPicos.fits(s.toolPicoAmounts());
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
   * A running total per name, for the handful of names (tools or models) a run uses: two arrays
   * kept sorted by name, read without boxing, and allocated on the first name (most of a ledger's
   * dimensions stay empty: with thousands of runs in flight, their ledgers are a good part of the
   * heap). A name stays once it has been seen, even at zero.
   */
  private static final class Named {
    private static final String[] NO_NAMES = new String[0];
    private static final long[] NO_VALUES = new long[0];
    private String[] names = NO_NAMES;
    private long[] values = NO_VALUES;
    private int n;

    long get(String name) {
      for (int i = 0; i < n; i++) {
        if (names[i] == name || names[i].equals(name)) return values[i];
      }
      return 0;
    }

    void add(Amounts from, int sign) {
      for (int j = 0, m = from.count(); j < m; j++) {
        int i = indexOf(from.name(j));
        values[i] = sat(values[i], sign * from.value(j));
      }
    }

    boolean fits(Amounts from) {
      for (int j = 0, m = from.count(); j < m; j++) {
        if (!below(get(from.name(j)), from.value(j))) return false;
      }
      return true;
    }

    long sum() {
      long s = 0;
      for (int i = 0; i < n; i++) s = sat(s, values[i]);
      return s;
    }

    /** An immutable copy without zero entries; the sum must fit in a long. */
    Amounts nonZero() {
      return n == 0 ? Amounts.EMPTY : Amounts.nonZero(names, values, n);
    }

    /** A copy with each entry, in order of name, cut to what is left of {@code left[0]}. */
    Amounts clamped(long[] left) {
      long[] cut = new long[n];
      for (int i = 0; i < n; i++) {
        cut[i] = Math.min(values[i], left[0]);
        left[0] -= Math.max(0, cut[i]);
      }
      return Amounts.nonZero(names, cut, n);
    }

    /** The index of {@code name}, inserted at its sorted place with a zero total if new. */
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
        values = java.util.Arrays.copyOf(values, size);
      }
      System.arraycopy(names, at, names, at + 1, n - at);
      System.arraycopy(values, at, values, at + 1, n - at);
      names[at] = name;
      values[at] = 0;
      n++;
      return at;
    }
  }
}
