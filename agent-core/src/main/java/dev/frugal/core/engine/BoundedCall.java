package dev.frugal.core.engine;

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
 * One model or tool call with a deadline that a timeout or a cancellation can end. Two ways to run
 * it, with the same outcomes for a call that honours interrupts:
 *
 * <ul>
 *   <li><b>Inline</b> (the default, {@link dev.frugal.core.AgentBuilder#isolateCalls(boolean)}
 *       off): the call runs on the run's own thread inside {@link #await}; one shared watchdog
 *       thread ({@link Deadlines}) interrupts that thread when the deadline passes, and {@link
 *       #abandon()} interrupts it at once. It costs a timer entry per call and no thread hand-off,
 *       and a run on a virtual thread stays on it. A call that ignores interrupts holds the run
 *       until it returns.
 *   <li><b>Isolated</b>: the call runs on a worker thread and the caller waits for it at most until
 *       the deadline, so that even a call deaf to interrupts (a tool spinning forever) cannot hold
 *       the run; {@link #abandon()} interrupts the worker. It costs two thread wake-ups per call.
 * </ul>
 *
 * <p>Either way, when the deadline passes first {@link #await} throws {@link TimeoutException} and
 * {@link #whenDone} later observes what the call really did (its late result or failure), so that
 * the engine settles or releases the call's reservation once it really ends.
 */
abstract class BoundedCall<T> {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "frugal-call-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  /**
   * Starts {@code work}: at once on a worker thread when {@code isolated}, else in {@link #await}.
   */
  static <T> BoundedCall<T> start(Callable<T> work, boolean isolated) {
    return start(work, isolated, null);
  }

  /**
   * As {@link #start(Callable, boolean)}; an inline call's deadline waits in {@code lane} (the
   * run's own, may be null) when it is free.
   */
  static <T> BoundedCall<T> start(Callable<T> work, boolean isolated, Deadlines.Lane lane) {
    return isolated ? new Isolated<>(work) : new Inline<>(work, lane);
  }

  /**
   * Waits at most {@code nanos} for the call's result (an inline call runs now).
   *
   * @throws TimeoutException when it did not end in time (an isolated call keeps running until
   *     {@link #abandon()}; an inline one has ended and its outcome goes to {@link #whenDone})
   * @throws InterruptedException when the waiting thread was interrupted from outside
   * @throws Failed carrying what the call threw
   */
  abstract T await(long nanos) throws TimeoutException, InterruptedException, Failed;

  /** Interrupts the call; a waiting caller then gets whatever the interrupted call does. */
  abstract void abandon();

  /** Runs {@code after} when the call ends (at once if it already has). */
  abstract void whenDone(BiConsumer<? super T, ? super Throwable> after);

  /** What the call threw. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(Throwable cause) {
      super(cause);
    }
  }

  /** The call on a worker thread; the caller waits on a future. */
  private static final class Isolated<T> extends BoundedCall<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Future<?> task;

    Isolated(Callable<T> work) {
      this.task =
          WORKERS.submit(
              () -> {
                try {
                  result.complete(work.call());
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              });
    }

    @Override
    T await(long nanos) throws TimeoutException, InterruptedException, Failed {
      try {
        return result.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new Failed(e.getCause() == null ? e : e.getCause());
      }
    }

    @Override
    void abandon() {
      task.cancel(true);
    }

    @Override
    void whenDone(BiConsumer<? super T, ? super Throwable> after) {
      result.whenComplete(after);
    }
  }

  /**
   * The call on the caller's thread. A small state machine makes sure an interrupt meant for the
   * call never leaks past it: the watchdog or {@link #abandon()} may interrupt only while the state
   * is {@code RUNNING}, and the caller, once the call has returned, either claims {@code DONE}
   * first (no interrupt will come) or waits for the interrupt in progress to land and clears it.
   */
  private static final class Inline<T> extends BoundedCall<T> {
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int INTERRUPTING = 3;
    private static final int INTERRUPTED = 4;

    private final Callable<T> work;
    private final Deadlines.Lane lane;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private volatile Thread runner;
    private volatile boolean timedOut;
    private volatile boolean abandoned;
    private T value;
    private Throwable failure;
    private boolean ended;

    Inline(Callable<T> work, Deadlines.Lane lane) {
      this.work = work;
      this.lane = lane;
    }

    @Override
    T await(long nanos) throws TimeoutException, InterruptedException, Failed {
      if (Thread.interrupted()) throw new InterruptedException();
      runner = Thread.currentThread();
      state.set(RUNNING);
      // abandoned before it started: it starts interrupted, as an interrupted worker would
      if (abandoned) interruptIfRunning(false);
      Deadlines.Entry alarm = Deadlines.after(nanos, () -> interruptIfRunning(true), lane);
      try {
        value = work.call();
      } catch (Throwable t) {
        failure = t;
      }
      alarm.cancel();
      boolean interrupted = !state.compareAndSet(RUNNING, DONE);
      if (interrupted) {
        while (state.get() != INTERRUPTED) Thread.onSpinWait();
        Thread.interrupted(); // ours: the call has ended, the run goes on
      } else if (Thread.interrupted()) {
        ended = true;
        throw new InterruptedException(); // someone else interrupted the run's thread
      }
      ended = true;
      if (timedOut) throw new TimeoutException();
      if (failure != null) throw new Failed(failure);
      return value;
    }

    /** Interrupts the call if it is still running; {@code deadline}: because its time is up. */
    private void interruptIfRunning(boolean deadline) {
      if (state.compareAndSet(RUNNING, INTERRUPTING)) {
        if (deadline) timedOut = true; // read by the caller only after INTERRUPTED
        runner.interrupt();
        state.set(INTERRUPTED);
      }
    }

    @Override
    void abandon() {
      abandoned = true;
      interruptIfRunning(false);
    }

    @Override
    void whenDone(BiConsumer<? super T, ? super Throwable> after) {
      // an inline call has always ended by the time its caller can ask
      if (!ended) throw new IllegalStateException("whenDone before the inline call ran");
      after.accept(value, failure);
    }
  }
}
