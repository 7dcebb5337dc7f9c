package dev.frugal.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One model or tool call run on a worker thread, so that the run can stop waiting for it when its
 * timeout passes or the run is cancelled, even when the call ignores interrupts (a server that
 * trickles its body, a tool that never returns). {@link #abandon()} interrupts the worker; what the
 * call does afterwards can still be observed with {@link #whenDone}, so that the engine can settle
 * or release its reservation once it really ends.
 */
final class BoundedCall<T> {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "frugal-call-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final Future<?> task;

  private BoundedCall(Callable<T> work) {
    this.task =
        THREADS.submit(
            () -> {
              try {
                result.complete(work.call());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
  }

  /** Starts {@code work} on a worker thread. */
  static <T> BoundedCall<T> start(Callable<T> work) {
    return new BoundedCall<>(work);
  }

  /**
   * Waits at most {@code nanos} for the call's result.
   *
   * @throws TimeoutException when it has not ended in time (it keeps running until {@link
   *     #abandon()})
   * @throws Failed carrying what the call threw
   */
  T await(long nanos) throws TimeoutException, InterruptedException, Failed {
    try {
      return result.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new Failed(e.getCause() == null ? e : e.getCause());
    }
  }

  /** Interrupts the worker; the caller stops waiting. */
  void abandon() {
    task.cancel(true);
  }

  /** Runs {@code after} when the call ends (at once if it already has). */
  void whenDone(BiConsumer<? super T, ? super Throwable> after) {
    result.whenComplete(after);
  }

  /** What the call threw. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(Throwable cause) {
      super(cause);
    }
  }
}
