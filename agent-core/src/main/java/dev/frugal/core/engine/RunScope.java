package dev.frugal.core.engine;

import dev.frugal.core.trace.RunEvent;

/**
 * A part of a run that a strategy opened with {@link RunContext#scope}: a sample, an attempt, the
 * expansion of a tree node. Closing it emits {@link RunEvent.ScopeClosed}; use it in
 * try-with-resources. Closing twice does nothing.
 */
public final class RunScope implements AutoCloseable {
  private final int id;
  private final Runnable onClose;
  private boolean closed;

  RunScope(int id, Runnable onClose) {
    this.id = id;
    this.onClose = onClose;
  }

  /** The scope's id in the run's trace; pass it as the parent of a scope that continues it. */
  public int id() {
    return id;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    onClose.run();
  }
}
