package dev.frugal.core.intercept;

import java.time.Duration;

/** Waits; injected so tests and simulations never sleep for real. */
@FunctionalInterface
public interface Sleeper {

  /** Waits {@code d}; throws when the waiting thread is interrupted. */
  void sleep(Duration d) throws InterruptedException;

  /** Sleeps on the current thread. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
