package dev.frugal.core.strategy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs tasks at once on an executor, the calling thread running every task the executor has not
 * started yet, then waits for all of them. A task that itself fans out on the same bounded executor
 * (a batch of runs, each drawing parallel samples) therefore cannot starve it: a thread waits only
 * for tasks that another thread is already running.
 */
public final class CallerRuns {
  private CallerRuns() {}

  /**
   * The results of {@code tasks}, in their order. Waits for every task to end, then rethrows the
   * first failure (a {@link RuntimeException} as it was thrown).
   */
  public static <T> List<T> all(List<Supplier<T>> tasks, Executor executor) {
    List<AtomicBoolean> claimed = new ArrayList<>();
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (Supplier<T> task : tasks) {
      AtomicBoolean mine = new AtomicBoolean();
      CompletableFuture<T> f = new CompletableFuture<>();
      claimed.add(mine);
      futures.add(f);
      Runnable run =
          () -> {
            if (!mine.compareAndSet(false, true)) return; // the other side runs it
            try {
              f.complete(task.get());
            } catch (Throwable t) {
              f.completeExceptionally(t);
            }
          };
      try {
        executor.execute(run);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the caller runs it below
      }
    }
    for (int i = 0; i < tasks.size(); i++) {
      if (!claimed.get(i).compareAndSet(false, true)) continue;
      try {
        futures.get(i).complete(tasks.get(i).get());
      } catch (Throwable t) {
        futures.get(i).completeExceptionally(t);
      }
    }
    List<T> out = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<T> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
        out.add(null);
      }
    }
    if (failure != null) throw failure;
    return out;
  }
}
