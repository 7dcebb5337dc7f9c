package dev.frugal.core.engine;

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
 *
 * <p>A far deadline can also wait in a {@link Lane}: a run's own slot, registered once per run
 * rather than once per call, that holds the deadline of the run's one call in flight. Arming and
 * cancelling it writes only the run's own memory; the watcher looks at every lane when it looks at
 * the set. (The set's add and remove, on a table every run shares, were 5% of the CPU with ten
 * thousand runs in flight, one call after another on each.) A run with several calls in flight at
 * once puts the others in the set.
 */
final class Deadlines {
  /** The longest the watcher sleeps between looks at the earliest deadline. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** Deadlines further away than this wait, unordered, in {@link #FAR}. */
  static final long FAR_NANOS = 2 * TICK_NANOS;

  /** One watched deadline; {@link #cancel()} removes it. */
  static final class Entry {
    private static final java.lang.invoke.VarHandle SEQ_HANDLE;

    static {
      try {
        SEQ_HANDLE =
            java.lang.invoke.MethodHandles.lookup().findVarHandle(Entry.class, "seq", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final long at;
    // the tie-break among equal deadlines in NEAR; an entry in a lane gets it (0 until then) when
    // it is moved into NEAR, and whoever sets it moves it: see claim()
    private volatile long seq;
    private final Runnable action;
    private final Lane lane; // null: the entry is in FAR or NEAR from the start
    private volatile boolean cancelled;

    private Entry(long at, long seq, Runnable action, Lane lane) {
      this.at = at;
      this.seq = seq;
      this.action = action;
      this.lane = lane;
    }

    /** Stops watching this deadline (its action will not run, unless it already has). */
    void cancel() {
      cancelled = true; // before the removals: see moveNearer and moveFromLane
      if (lane != null) {
        lane.current.compareAndSet(this, null);
        if (seq != 0) NEAR.remove(this); // moved (or being moved) out of the lane
      } else if (!FAR.remove(this)) {
        NEAR.remove(this);
      }
    }

    /** Takes the move of a lane's entry into NEAR; true for exactly one caller. */
    private boolean claim() {
      return seq == 0 && SEQ_HANDLE.compareAndSet(this, 0L, SEQ.incrementAndGet());
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

  /**
   * A run's slot for the far deadline of its call in flight ({@link #open()}, {@link #close()} once
   * the run ends). A lane holds one entry at a time; a call that finds it taken, or closed, uses
   * the shared set instead.
   */
  static final class Lane {
    private final java.util.concurrent.atomic.AtomicReference<Entry> current =
        new java.util.concurrent.atomic.AtomicReference<>();

    private Lane() {}

    /** A new lane, watched until {@link #close()}. */
    static Lane open() {
      Lane l = new Lane();
      LANES.add(l);
      return l;
    }

    /**
     * Stops watching this lane; a deadline still in it (a call that outlived its run) moves to the
     * ordered list and fires as it would have. Idempotent.
     */
    void close() {
      Entry e = current.getAndSet(CLOSED);
      LANES.remove(this);
      if (e != null && e != CLOSED) moveFromLane(e);
    }
  }

  /** What a closed lane holds, so that no entry goes into it any more. */
  private static final Entry CLOSED = new Entry(0, -1, () -> {}, null);

  private static final ConcurrentSkipListSet<Entry> NEAR =
      new ConcurrentSkipListSet<>(
          Comparator.<Entry>comparingLong(e -> e.at).thenComparingLong(e -> e.seq));
  private static final Set<Entry> FAR = ConcurrentHashMap.newKeySet();
  private static final Set<Lane> LANES = ConcurrentHashMap.newKeySet();
  private static final AtomicLong SEQ = new AtomicLong();

  /** When the watcher will look next (System.nanoTime); written before it sleeps. */
  private static volatile long wakeAt = Long.MIN_VALUE;

  private static final Thread WATCHER = start();

  private Deadlines() {}

  /** Runs {@code action} on the watcher thread after {@code nanos}, unless cancelled first. */
  static Entry after(long nanos, Runnable action) {
    return after(nanos, action, null);
  }

  /**
   * As {@link #after(long, Runnable)}; a far deadline waits in {@code lane} (may be null) when the
   * lane is free.
   */
  static Entry after(long nanos, Runnable action, Lane lane) {
    long now = System.nanoTime();
    long wait = Math.max(0, Math.min(nanos, Long.MAX_VALUE / 4));
    if (wait > FAR_NANOS && lane != null && lane.current.get() == null) {
      Entry e = new Entry(now + wait, 0, action, lane);
      if (lane.current.compareAndSet(null, e)) return e;
    }
    Entry e = new Entry(now + wait, SEQ.incrementAndGet(), action, null);
    if (wait > FAR_NANOS) {
      FAR.add(e);
      return e;
    }
    NEAR.add(e);
    if (e.at - wakeAt < 0) LockSupport.unpark(WATCHER);
    return e;
  }

  /** Moves a lane's entry into NEAR unless it is cancelled or already moved. */
  private static void moveFromLane(Entry e) {
    if (e.cancelled || !e.claim()) return;
    // a cancel sets its flag before it reads seq, so either it removes the entry added here or
    // the check after the add sees its flag
    NEAR.add(e);
    if (e.cancelled) NEAR.remove(e);
    else if (e.at - wakeAt < 0) LockSupport.unpark(WATCHER); // a lane closed before its time
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
    for (Lane l : LANES) {
      Entry e = l.current.get();
      if (e != null && e != CLOSED && e.at - now <= FAR_NANOS) moveFromLane(e);
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
      if (now - scanned >= TICK_NANOS / 2 && !(FAR.isEmpty() && LANES.isEmpty())) {
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
