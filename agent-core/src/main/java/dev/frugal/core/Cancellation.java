package dev.frugal.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a caller stop a run from another thread. The run makes no call after {@link #cancel()}, and
 * a model or tool call running at that moment is interrupted and abandoned (its reservation is
 * settled or released when it really ends).
 */
public final class Cancellation {
  private volatile boolean cancelled;
  private final Set<Runnable> onCancel = ConcurrentHashMap.newKeySet();

  /** Cancels the run: no further call starts, and running ones are interrupted. */
  public void cancel() {
    cancelled = true;
    for (Runnable r : onCancel) r.run();
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code hook} on {@link #cancel()} (at once when already cancelled) until the returned
   * action unregisters it.
   */
  Runnable whileRunning(Runnable hook) {
    onCancel.add(hook);
    if (cancelled) hook.run();
    return () -> onCancel.remove(hook);
  }
}
