package dev.frugal.core;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of calls running inline ({@link BoundedCall}), watched by one daemon thread.
 *
 * <p>Built for the common case of a deadline that is minutes away and a call that ends long before
 * it. A deadline more than {@link #FAR_NANOS} away goes into an unordered concurrent set: adding
 * and removing it are hash-set operations, and the watcher moves it into an ordered skip list when
 * it comes nearer (it looks every tick, {@link #TICK_NANOS}, or sooner, and moves an entry at least
 * half a tick before it is due). Nearer deadlines go into the skip list directly, and the watcher
 * is woken only when a new one comes before the time it will wake up anyway. (A {@code
 * ScheduledThreadPoolExecutor} signals its thread whenever a new task becomes the earliest, which
 * is every call when calls run one at a time: a thread wake-up per call. With ten thousand calls in
 * flight, an ordered insert and removal per call was still a few percent of the CPU; the set takes
 * that out.)
 */
final class Deadlines {
  /** The longest the watcher sleeps between looks at the earliest deadline. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** Deadlines further away than this wait, unordered, in {@link #FAR}. */
  static final long FAR_NANOS = 2 * TICK_NANOS;

  /** One watched deadline; {@link #cancel()} removes it. */
  static final class Entry {
    private final long at;
    private final long seq;
    private final Runnable action;
    private volatile boolean cancelled;

    private Entry(long at, long seq, Runnable action) {
      this.at = at;
      this.seq = seq;
      this.action = action;
    }

    /** Stops watching this deadline (its action will not run, unless it already has). */
    void cancel() {
      cancelled = true; // before the removals: see moveNearer
      if (!FAR.remove(this)) NEAR.remove(this);
    }

    @Override
    public int hashCode() { // not the identity hash: a set add and remove per call
      return Long.hashCode(seq * 0x9E3779B97F4A7C15L);
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }
  }

  private static final ConcurrentSkipListSet<Entry> NEAR =
      new ConcurrentSkipListSet<>(
          Comparator.<Entry>comparingLong(e -> e.at).thenComparingLong(e -> e.seq));
  private static final Set<Entry> FAR = ConcurrentHashMap.newKeySet();
  private static final AtomicLong SEQ = new AtomicLong();

  /** When the watcher will look next (System.nanoTime); written before it sleeps. */
  private static volatile long wakeAt = Long.MIN_VALUE;

  private static final Thread WATCHER = start();

  private Deadlines() {}

  /** Runs {@code action} on the watcher thread after {@code nanos}, unless cancelled first. */
  static Entry after(long nanos, Runnable action) {
    long now = System.nanoTime();
    long wait = Math.max(0, Math.min(nanos, Long.MAX_VALUE / 4));
    Entry e = new Entry(now + wait, SEQ.incrementAndGet(), action);
    if (wait > FAR_NANOS) {
      FAR.add(e);
      return e;
    }
    NEAR.add(e);
    if (e.at - wakeAt < 0) LockSupport.unpark(WATCHER);
    return e;
  }

  /** Moves the far deadlines that came within {@link #FAR_NANOS} of {@code now} into NEAR. */
  private static void moveNearer(long now) {
    for (Entry e : FAR) {
      if (e.at - now > FAR_NANOS || !FAR.remove(e)) continue;
      // a cancel sets its flag before it removes the entry from both sets, so either it removes
      // the entry added here or the check after the add sees its flag
      if (e.cancelled) continue;
      NEAR.add(e);
      if (e.cancelled) NEAR.remove(e);
    }
  }

  private static Thread start() {
    Thread t = new Thread(Deadlines::watch, "frugal-call-watchdog");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void watch() {
    long scanned = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      // at most every half tick (not after every deadline that fires), and at least every tick
      // and a half: an entry is moved at least half a tick before it is due
      if (now - scanned >= TICK_NANOS / 2 && !FAR.isEmpty()) {
        moveNearer(now);
        scanned = now;
      }
      Entry first = NEAR.isEmpty() ? null : first();
      if (first != null && first.at - now <= 0) {
        if (NEAR.remove(first)) {
          try {
            first.action.run();
          } catch (Throwable ignored) {
            // an action only interrupts a thread; nothing here may stop the watcher
          }
        }
        continue;
      }
      long until = now + TICK_NANOS;
      if (first != null && first.at - until < 0) until = first.at;
      wakeAt = until;
      // a deadline added after the look above and before wakeAt was written may be earlier
      Entry again = first();
      if (again != null && again.at - until < 0) continue;
      LockSupport.parkNanos(Deadlines.class, Math.max(1, until - System.nanoTime()));
    }
  }

  private static Entry first() {
    try {
      return NEAR.first();
    } catch (java.util.NoSuchElementException empty) {
      return null;
    }
  }
}
