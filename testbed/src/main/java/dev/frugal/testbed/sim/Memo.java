package dev.frugal.testbed.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded, thread-safe memory of a pure function: the simulated model re-reads the whole
 * conversation on every request (docs/testbed.md, "Throughput"), so the readings of a message text
 * (its search hits, its status block, the paragraphs it holds) are computed once and looked up
 * after. Only functions whose result depends on the key alone, and whose results are never changed
 * by their users, may be remembered: then a remembered result equals a fresh one, and replies stay
 * the same. When {@code capacity} keys are held, the whole memory is dropped.
 */
final class Memo<K, V> {
  private final Map<K, V> values = new ConcurrentHashMap<>();
  private final int capacity;

  Memo(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    this.capacity = capacity;
  }

  /** {@code compute(key)}, remembered; {@code compute} must be the same function at every call. */
  V get(K key, Function<? super K, ? extends V> compute) {
    V v = values.get(key);
    if (v != null) return v;
    v = compute.apply(key);
    if (values.size() >= capacity) values.clear();
    values.put(key, v);
    return v;
  }

  /** How many keys are remembered now. */
  int size() {
    return values.size();
  }
}
