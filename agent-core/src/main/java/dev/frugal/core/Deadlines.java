package dev.frugal.core;

import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of calls running inline ({@link BoundedCall}), watched by one daemon thread.
 *
 * <p>Built for the common case of a deadline that is minutes away and a call that ends long before
 * it: adding and removing a deadline are lock-free operations on a skip list, and the watcher is
 * woken only when a new deadline comes before the time it will wake up anyway. It never sleeps
 * longer than {@link #TICK_NANOS}, so a far deadline needs no wake-up at all. (A {@code
 * ScheduledThreadPoolExecutor} signals its thread whenever a new task becomes the earliest, which
 * is every call when calls run one at a time: a thread wake-up per call, the cost this avoids.)
 */
final class Deadlines {
  /** The longest the watcher sleeps between looks at the earliest deadline. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** One watched deadline; {@link #cancel()} removes it. */
  static final class Entry {
    private final long at;
    private final long seq;
    private final Runnable action;

    private Entry(long at, long seq, Runnable action) {
      this.at = at;
      this.seq = seq;
      this.action = action;
    }

    /** Stops watching this deadline (its action will not run, unless it already has). */
    void cancel() {
      WATCHED.remove(this);
    }
  }

  private static final ConcurrentSkipListSet<Entry> WATCHED =
      new ConcurrentSkipListSet<>(
          Comparator.<Entry>comparingLong(e -> e.at).thenComparingLong(e -> e.seq));
  private static final AtomicLong SEQ = new AtomicLong();

  /** When the watcher will look next (System.nanoTime); written before it sleeps. */
  private static volatile long wakeAt = Long.MIN_VALUE;

  private static final Thread WATCHER = start();

  private Deadlines() {}

  /** Runs {@code action} on the watcher thread after {@code nanos}, unless cancelled first. */
  static Entry after(long nanos, Runnable action) {
    long now = System.nanoTime();
    Entry e =
        new Entry(
            now + Math.max(0, Math.min(nanos, Long.MAX_VALUE / 4)), SEQ.incrementAndGet(), action);
    WATCHED.add(e);
    if (e.at - wakeAt < 0) LockSupport.unpark(WATCHER);
    return e;
  }

  private static Thread start() {
    Thread t = new Thread(Deadlines::watch, "frugal-call-watchdog");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void watch() {
    while (true) {
      long now = System.nanoTime();
      Entry first = WATCHED.isEmpty() ? null : first();
      if (first != null && first.at - now <= 0) {
        if (WATCHED.remove(first)) {
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
      return WATCHED.first();
    } catch (java.util.NoSuchElementException empty) {
      return null;
    }
  }
}
