package dev.frugal.core.budget;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map from names (of tools or models) to non-negative amounts, kept as two small
 * arrays sorted by name: the form of a {@link Spend}'s per-name maps.
 *
 * <p>Why not {@link Map#copyOf}: the ledger reads these maps on every reservation, settle and
 * snapshot, and with thousands of runs in flight each map is cold in the cache. Two arrays are two
 * cache lines; a hash map of boxed {@code Long}s is a table, an entry, a key and a box per name.
 * {@link #amount(String)} and {@link #total()} read the arrays without boxing, and {@link Tally}
 * adds them in place. To its users it is an ordinary read-only {@code Map} (equal to any map with
 * the same entries); every mutator throws {@link UnsupportedOperationException}.
 */
final class Amounts extends AbstractMap<String, Long> {
  static final Amounts EMPTY = new Amounts(new String[0], new long[0], 0);

  private final String[] names;
  private final long[] values;
  private final long total;

  /** Takes the arrays as they are: sorted, distinct, non-null names and values {@code >= 0}. */
  private Amounts(String[] names, long[] values, long total) {
    this.names = names;
    this.values = values;
    this.total = total;
  }

  /** One entry. */
  static Amounts of(String name, long value) {
    return new Amounts(new String[] {name}, new long[] {value}, value);
  }

  /**
   * A copy of {@code m}; throws {@link IllegalArgumentException} for null names or amounts, a
   * negative amount, or (when {@code exactTotal}) amounts whose sum overflows a {@code long},
   * naming {@code what}. Without {@code exactTotal} the total saturates at {@code Long.MAX_VALUE}.
   */
  static Amounts copyOf(String what, Map<String, Long> m, boolean exactTotal) {
    Objects.requireNonNull(m, what);
    if (m instanceof Amounts a && !(exactTotal && a.total == Long.MAX_VALUE)) return a;
    if (m.isEmpty()) return EMPTY;
    @SuppressWarnings("unchecked")
    Map.Entry<String, Long>[] es = m.entrySet().toArray(new Map.Entry[0]);
    for (Map.Entry<String, Long> e : es) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "Spend." + what + " must not hold null names or amounts, got " + m);
      }
    }
    Arrays.sort(es, Map.Entry.comparingByKey());
    String[] names = new String[es.length];
    long[] values = new long[es.length];
    long total = 0;
    for (int i = 0; i < es.length; i++) {
      names[i] = es[i].getKey();
      long v = es[i].getValue();
      if (v < 0) {
        throw new IllegalArgumentException(
            "Spend."
                + what
                + "['"
                + names[i]
                + "'] must be >= 0 (an amount spent or reserved), got "
                + v);
      }
      values[i] = v;
      total = exactTotal ? sumOf("the sum of Spend." + what, total, v) : Tally.sat(total, v);
    }
    return new Amounts(names, values, total);
  }

  /**
   * From the names {@code [from, to)} in order and their values at {@code values[stride * i +
   * offset]}, all {@code >= 0}; entries with a zero value are left out, and the total saturates at
   * {@code Long.MAX_VALUE}.
   */
  static Amounts nonZero(String[] names, long[] values, int stride, int offset, int from, int to) {
    int kept = 0;
    for (int i = from; i < to; i++) if (values[stride * i + offset] != 0) kept++;
    if (kept == 0) return EMPTY;
    String[] ks = new String[kept];
    long[] vs = new long[kept];
    long total = 0;
    for (int i = from, j = 0; i < to; i++) {
      long v = values[stride * i + offset];
      if (v == 0) continue;
      ks[j] = names[i];
      vs[j++] = v;
      total = Tally.sat(total, v);
    }
    return new Amounts(ks, vs, total);
  }

  static long sumOf(String what, long a, long b) {
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

  /** The amount for {@code name}, 0 when absent. */
  long amount(String name) {
    String[] ns = names;
    for (int i = 0; i < ns.length; i++) {
      if (ns[i] == name || ns[i].equals(name)) return values[i];
    }
    return 0;
  }

  /** The sum of every amount, saturated at {@code Long.MAX_VALUE} unless built exact. */
  long total() {
    return total;
  }

  int count() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  long value(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public boolean isEmpty() {
    return names.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String s && Arrays.binarySearch(names, s) >= 0;
  }

  @Override
  public Long get(Object key) {
    if (!(key instanceof String s)) return null;
    int i = Arrays.binarySearch(names, s);
    return i < 0 ? null : values[i];
  }

  @Override
  public Set<Map.Entry<String, Long>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Map.Entry<String, Long>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < names.length;
          }

          @Override
          public Map.Entry<String, Long> next() {
            if (i >= names.length) throw new NoSuchElementException();
            Map.Entry<String, Long> e = Map.entry(names[i], values[i]);
            i++;
            return e;
          }
        };
      }
    };
  }
}
