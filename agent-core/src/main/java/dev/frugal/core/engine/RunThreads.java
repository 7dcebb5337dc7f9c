package dev.frugal.core.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of {@link dev.frugal.core.Agent#runAsync(String)}: a cached pool of daemon
 * threads named {@code frugal-run-N}, created on first use. Runs block on network calls, so they
 * get threads of their own rather than the common fork-join pool.
 */
public final class RunThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private RunThreads() {}

  private static final class Holder {
    static final ExecutorService POOL =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "frugal-run-" + COUNT.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The shared pool, created on first use. */
  public static ExecutorService pool() {
    return Holder.POOL;
  }
}
