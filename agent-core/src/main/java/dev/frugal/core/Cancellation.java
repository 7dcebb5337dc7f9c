package dev.frugal.core;

/**
 * Lets a caller stop a run from another thread. The run makes no call after {@link #cancel()}, and
 * a model or tool call running at that moment is interrupted and abandoned (its reservation is
 * settled or released when it really ends).
 */
public final class Cancellation {
  private volatile boolean cancelled;
  // the hooks of the calls running now: usually one, so a small array under this object's lock
  // (a concurrent hash set cost an identity hash and a node per call); past the array's size
  // (a cancellation shared by many runs) an identity set takes the rest
  private final Runnable[] hooks = new Runnable[8];
  private int count;
  private java.util.Set<Runnable> more;

  /** Cancels the run: no further call starts, and running ones are interrupted. */
  public void cancel() {
    Runnable[] running;
    synchronized (this) {
      cancelled = true;
      running = java.util.Arrays.copyOf(hooks, count);
      if (more != null) {
        running = java.util.Arrays.copyOf(running, count + more.size());
        int i = count;
        for (Runnable r : more) running[i++] = r;
      }
    }
    for (Runnable r : running) r.run(); // outside the lock: a hook may take its time
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code hook} on {@link #cancel()} (at once when already cancelled) until the returned
   * action unregisters it.
   */
  public Runnable whileRunning(Runnable hook) {
    synchronized (this) {
      if (!cancelled) {
        if (count < hooks.length) {
          hooks[count++] = hook;
        } else {
          if (more == null)
            more = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
          more.add(hook);
        }
        return () -> unregister(hook);
      }
    }
    hook.run();
    return () -> {};
  }

  private synchronized void unregister(Runnable hook) {
    for (int i = count - 1; i >= 0; i--) {
      if (hooks[i] == hook) {
        hooks[i] = hooks[--count];
        hooks[count] = null;
        return;
      }
    }
    if (more != null) more.remove(hook);
  }
}
