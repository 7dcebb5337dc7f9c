package dev.frugal.core;

/** Lets a caller stop a run from another thread; the run stops before its next call. */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks the run to stop before its next model or tool call; idempotent. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }
}
