package dev.frugal.core;

/** Lets a caller stop a run from another thread; the run stops before its next call. */
public final class Cancellation {
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
