package dev.frugal.core.strategy.internal;

import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.engine.RunContext.ToolOutcome;
import dev.frugal.core.engine.RunScope;
import dev.frugal.core.tool.ToolRegistry;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the tool calls of one model turn (a ReAct step, and so every BATS attempt, and a BAVT
 * expansion) through {@link RunContext#callTool} and returns their outcomes in the model's order,
 * so that the conversation built from them reads the same however they ran.
 *
 * <p><b>Without an executor</b> on the agent, or for a turn with one call, the calls run one after
 * another on the caller's thread, exactly as a plain loop over {@code callTool}.
 *
 * <p><b>With an executor</b> ({@link dev.frugal.core.AgentBuilder#executor}) and two or more calls,
 * the turn's calls run at the same time:
 *
 * <ul>
 *   <li><b>Money.</b> Every call reserves its units before its tool runs and settles or releases
 *       them itself ({@code callTool}), so calls that together want more than is left cannot
 *       overspend: with one unit left for two calls, exactly one runs and the other gets the usual
 *       refusal text; which one is whichever reserves first, not the model's order.
 *   <li><b>Repeats.</b> A call identical to an earlier call of the same turn (same tool, same
 *       canonical arguments) starts only once that one has ended, and is then answered as it would
 *       be in a sequential run: from the earlier result (not run, not charged) when it succeeded,
 *       run itself when it failed. The turn runs in waves: the first occurrence of every distinct
 *       call in the first wave, second occurrences in the second, and so on.
 *   <li><b>Progress.</b> The caller's thread takes part: it runs the first call of each wave itself
 *       and then any call of the wave the executor has not started yet, before it waits for the
 *       rest. A turn therefore never depends on a free executor thread (a parallel-majority sample
 *       running on a bounded executor cannot deadlock on its own tool calls); with every executor
 *       thread busy the turn simply runs sequentially.
 *   <li><b>Failures.</b> A tool that throws is that call's error result; the other calls go on.
 *       What ends a run ({@link dev.frugal.core.budget.BudgetStoreUnavailableException}, an
 *       exception from a tool interceptor) is rethrown once every started call of the wave has
 *       ended, the first in the model's order; later waves do not start.
 *   <li><b>Cancellation.</b> Cancelling the run interrupts and abandons every call in flight (each
 *       is tied to the run's {@link dev.frugal.core.Cancellation}); a call not yet started is not
 *       made. When the caller's thread is interrupted it stops waiting: calls still running are
 *       answered "the run was cancelled" and settle or release their own reservations when they
 *       end.
 *   <li><b>Trace.</b> Events of the calls come in the order the calls end. The turn is a scope
 *       {@code tools} and each call a scope {@code tool-call} inside it ({@link RunContext#scope}),
 *       opened on the thread that runs the call, so that a listener attributing events to scopes by
 *       thread (the OpenTelemetry listener) nests each call where it belongs.
 *   <li><b>Budget Tracker.</b> Each result's status block shows the budget when that call ended.
 * </ul>
 *
 * Tools and tool interceptors of an agent with an executor must therefore be thread-safe.
 */
public final class ToolTurn {
  private ToolTurn() {}

  /**
   * Runs {@code requests}, the tool calls of one model turn, charged to {@code ledger}.
   *
   * @return one outcome per request, in the requests' order
   */
  public static List<ToolOutcome> call(
      RunContext ctx, List<ToolExecutionRequest> requests, Ledger ledger) {
    Optional<Executor> executor = ctx.executor();
    if (executor.isEmpty() || requests.size() < 2) {
      List<ToolOutcome> out = new ArrayList<>(requests.size());
      for (ToolExecutionRequest r : requests) out.add(ctx.callTool(r, ledger));
      return out;
    }
    int n = requests.size();
    ToolOutcome[] out = new ToolOutcome[n];
    try (RunScope turn = ctx.scope("tools", n + " tool calls at once")) {
      for (List<Integer> wave : waves(ctx, requests)) {
        List<Call> calls = new ArrayList<>();
        for (int i : wave) calls.add(new Call(ctx, requests.get(i), ledger, i, n, turn.id()));
        if (!runWave(calls, executor.get(), out)) {
          Thread.currentThread().interrupt();
          for (int i = 0; i < n; i++) {
            if (out[i] == null) out[i] = cancelled(requests.get(i));
          }
          break;
        }
      }
    }
    return Arrays.asList(out);
  }

  /**
   * Runs one wave and stores its outcomes; returns false when the caller's thread was interrupted
   * while it waited (the outcomes of the calls it did not wait for are left unset).
   */
  private static boolean runWave(List<Call> calls, Executor executor, ToolOutcome[] out) {
    for (Call c : calls.subList(1, calls.size())) {
      try {
        executor.execute(c::runIfUnclaimed);
      } catch (RejectedExecutionException e) {
        // the caller runs it below
      }
    }
    for (Call c : calls) c.runIfUnclaimed();
    Throwable failure = null;
    for (Call c : calls) {
      try {
        out[c.index] = c.done.get();
      } catch (InterruptedException e) {
        return false;
      } catch (ExecutionException e) {
        if (failure == null) failure = e.getCause() == null ? e : e.getCause();
      }
    }
    if (failure instanceof RuntimeException re) throw re;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new IllegalStateException(failure);
    return true;
  }

  /** The turn's calls (indices) in waves: the k-th occurrence of a distinct call in wave k. */
  static List<List<Integer>> waves(RunContext ctx, List<ToolExecutionRequest> requests) {
    Map<String, Integer> seen = new HashMap<>();
    List<List<Integer>> waves = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      String key = key(ctx, requests.get(i));
      int w = key == null ? 0 : seen.merge(key, 1, Integer::sum) - 1;
      while (waves.size() <= w) waves.add(new ArrayList<>());
      waves.get(w).add(i);
    }
    return waves;
  }

  /**
   * The call as {@code callTool} recognises a repeat (tool name and canonical arguments), or null
   * for a call it rejects (unknown tool, invalid arguments), which is never a repeat.
   */
  private static String key(RunContext ctx, ToolExecutionRequest request) {
    try {
      return ctx.tools().prepare(request) instanceof ToolRegistry.Prepared.Ready r
          ? r.tool().name() + '\u0000' + r.call().canonicalArguments()
          : null;
    } catch (RuntimeException e) {
      return null; // callTool reports it
    }
  }

  private static ToolOutcome cancelled(ToolExecutionRequest request) {
    return new ToolOutcome(
        "ERROR: the run was cancelled while tool '" + request.name() + "' ran",
        ToolOutcome.Status.ERROR,
        Optional.empty());
  }

  /** One call of the turn, run once by whichever thread claims it first. */
  private static final class Call {
    private final RunContext ctx;
    private final ToolExecutionRequest request;
    private final Ledger ledger;
    private final int index;
    private final String label;
    private final int parent;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<ToolOutcome> done = new CompletableFuture<>();

    Call(
        RunContext ctx, ToolExecutionRequest request, Ledger ledger, int index, int n, int parent) {
      this.ctx = ctx;
      this.request = request;
      this.ledger = ledger;
      this.index = index;
      this.label = "call " + (index + 1) + " of " + n + ": " + request.name();
      this.parent = parent;
    }

    void runIfUnclaimed() {
      if (!claimed.compareAndSet(false, true)) return;
      try (RunScope scope = ctx.scope("tool-call", label, parent)) {
        done.complete(ctx.callTool(request, ledger));
      } catch (Throwable t) { // handed to the caller's thread, which rethrows it
        done.completeExceptionally(t);
      }
    }
  }
}
