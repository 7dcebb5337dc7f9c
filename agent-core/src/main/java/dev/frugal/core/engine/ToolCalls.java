package dev.frugal.core.engine;

import dev.frugal.core.Cancellation;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.intercept.ToolInvocation;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolArgumentException;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's tool calls (see {@link RunContext#callTool}): argument checks, the repeat memory, batch
 * truncation, the tool interceptors and the metering link (reserve the units, run the tool under
 * its deadline, settle on success, release on failure), and the outcome text with the tracker's
 * status block. Nothing here throws for a tool's sake: every problem comes back as text.
 */
final class ToolCalls {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToolCalls.class);
  private final RunContext ctx;
  private final RunSettings agent;
  private final Cancellation cancellation;
  private final java.util.function.Consumer<RunEvent> emit;
  private final Deadlines.Lane lane;

  // Earlier successful tool calls, per ledger: attempts sharing a ledger share this memory,
  // independent samples (each with a child ledger of its own) do not.
  private final Map<Ledger, Map<String, Prior>> priorCalls =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>(2)); // 1-2 ledgers

  ToolCalls(
      RunContext ctx,
      RunSettings agent,
      Cancellation cancellation,
      java.util.function.Consumer<RunEvent> emit,
      Deadlines.Lane lane) {
    this.ctx = ctx;
    this.agent = agent;
    this.cancellation = cancellation;
    this.emit = emit;
    this.lane = lane;
  }

  /** Runs {@code request} charged to {@code ledger}; see {@link RunContext#callTool}. */
  RunContext.ToolOutcome call(ToolExecutionRequest request, Ledger ledger) {
    int s = ctx.steps();
    ToolRegistry.Prepared p = ctx.tools().prepare(request);
    if (p instanceof ToolRegistry.Prepared.Rejected r) {
      emit.accept(
          new RunEvent.ToolCalled(
              ctx.runId(), s, request.name(), request.arguments(), 0, 0, "error", r.message(), 0));
      return outcome(
          request, "ERROR: " + r.message(), RunContext.ToolOutcome.Status.ERROR, null, ledger);
    }
    ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) p;
    String truncation = "";
    if (agent.batchOverrun() == BatchOverrun.TRUNCATE) {
      Optional<Truncated> cut = truncate(ready, ledger);
      if (cut.isPresent()) {
        ready = cut.get().ready();
        truncation = cut.get().note();
      }
    }
    String key = ready.tool().name() + '\u0000' + ready.call().canonicalArguments();
    Map<String, Prior> memory = priorCalls.computeIfAbsent(ledger, l -> new ConcurrentHashMap<>());
    Prior prior = memory.get(key);
    if (prior != null) {
      emit.accept(
          new RunEvent.ToolCalled(
              ctx.runId(),
              s,
              ready.tool().name(),
              request.arguments(),
              0,
              0,
              "repeat",
              "same as step " + prior.step,
              0));
      return outcome(
          request,
          "NOTE: you already called '"
              + ready.tool().name()
              + "' with these exact arguments at step "
              + prior.step
              + "; it was not run again and not charged. Its result was:\n"
              + prior.text,
          RunContext.ToolOutcome.Status.REPEATED,
          null,
          ledger);
    }
    if (ctx.cancelled()) {
      return outcome(
          request,
          "ERROR: the run was cancelled",
          RunContext.ToolOutcome.Status.ERROR,
          null,
          ledger);
    }
    ToolInvocation inv =
        new ToolInvocation(
            ctx.runId(),
            s,
            ready.tool(),
            ready.call(),
            ready.units(),
            truncation.isEmpty() ? request.arguments() : ready.call().arguments().toString());
    ToolResult result;
    try {
      result = new ToolChainLink(0, ledger).proceed(inv);
    } catch (BudgetExceededException e) {
      emit.accept(
          new RunEvent.Refused(
              ctx.runId(), s, "tool " + ready.tool().name(), e.cap().describe(), e.getMessage()));
      return outcome(
          request,
          "ERROR: " + e.getMessage() + ". The call was not made.",
          RunContext.ToolOutcome.Status.REFUSED,
          e.cap(),
          ledger);
    }
    if (result.error()) {
      return outcome(
          request,
          result.text().startsWith("ERROR") ? result.text() : "ERROR: " + result.text(),
          RunContext.ToolOutcome.Status.ERROR,
          null,
          ledger);
    }
    memory.putIfAbsent(key, new Prior(s, result.text()));
    return outcome(
        request, truncation + result.text(), RunContext.ToolOutcome.Status.OK, null, ledger);
  }

  /** A batched call cut to the units left, and the note that tells the model so. */
  private record Truncated(ToolRegistry.Prepared.Ready ready, String note) {}

  /**
   * Cuts a call charged per array element to the units its tool has left in {@code ledger}, when it
   * would overrun them and at least one unit is left ({@link BatchOverrun#TRUNCATE}); the first
   * elements run, in order.
   */
  private Optional<Truncated> truncate(ToolRegistry.Prepared.Ready ready, Ledger ledger) {
    Optional<String> param = ready.tool().unitRule().perElementParameter();
    if (param.isEmpty()) return Optional.empty();
    long left = ledger.headroom(new Cap.ToolUnits(ready.tool().name())).orElse(Long.MAX_VALUE);
    com.fasterxml.jackson.databind.JsonNode array = ready.call().arguments().get(param.get());
    if (left < 1 || array == null || !array.isArray() || array.size() <= left) {
      return Optional.empty();
    }
    com.fasterxml.jackson.databind.node.ObjectNode args = ready.call().arguments().deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode kept = args.putArray(param.get());
    List<String> ran = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (i < left) {
        kept.add(array.get(i));
        ran.add(array.get(i).toString());
      } else {
        dropped.add(array.get(i).toString());
      }
    }
    ToolCall call = new ToolCall(ready.call().id(), ready.call().name(), args);
    long units = ready.tool().unitRule().units(args);
    String note =
        "NOTE: only "
            + left
            + " "
            + ready.tool().name()
            + " unit"
            + (left == 1 ? "" : "s")
            + " left, so only the first "
            + ran.size()
            + " of "
            + array.size()
            + " elements of '"
            + param.get()
            + "' ran: "
            + ran
            + "; not run: "
            + dropped
            + ".\n";
    return Optional.of(
        new Truncated(new ToolRegistry.Prepared.Ready(ready.tool(), call, units), note));
  }

  private RunContext.ToolOutcome outcome(
      ToolExecutionRequest request,
      String text,
      RunContext.ToolOutcome.Status status,
      Cap refused,
      Ledger ledger) {
    ctx.recordTool(status, request.name(), request.arguments(), text);
    String block = ctx.statusBlock(ledger);
    return new RunContext.ToolOutcome(
        block.isEmpty() ? text : text + "\n" + block, status, Optional.ofNullable(refused));
  }

  private record Prior(int step, String text) {}

  private final class ToolChainLink extends ChainLink<ToolInvocation>
      implements ToolInterceptor.Chain {
    private ToolResult returned;

    ToolChainLink(int index, Ledger ledger) {
      super(index, ledger);
    }

    @Override
    public ToolInvocation invocation() {
      return current;
    }

    @Override
    public RunContext run() {
      return ctx;
    }

    @Override
    public Ledger ledger() {
      return ledger;
    }

    @Override
    public ToolResult proceed(ToolInvocation invocation) {
      current = invocation;
      List<ToolInterceptor> chain = agent.toolInterceptors();
      if (index >= chain.size()) {
        returned = meterTool(invocation, ledger);
        return returned;
      }
      ToolChainLink next = new ToolChainLink(index + 1, ledger);
      next.current = invocation;
      ToolResult r = chain.get(index).intercept(next);
      // Trace a result an interceptor served itself once: where it was made, not at every link
      // that passes it on.
      if (r.servedBy() != null && r != next.returned) {
        emit.accept(
            new RunEvent.ToolCalled(
                ctx.runId(),
                invocation.step(),
                invocation.tool().name(),
                invocation.rawArguments(),
                0,
                0,
                r.servedBy(),
                null,
                r.text().length()));
      }
      returned = r;
      return r;
    }
  }

  private ToolResult meterTool(ToolInvocation inv, Ledger ledger) {
    Tool tool = inv.tool();
    Spend cost = Spend.tool(tool.name(), inv.units(), agent.prices());
    Reservation r = ledger.reserve(cost);
    dev.frugal.core.stream.RunStreamHandler streaming = ctx.streamHandler();
    if (streaming != null) {
      try {
        streaming.onToolStarted(
            inv.step(), tool.name(), inv.rawArguments(), inv.units(), cost.usd());
      } catch (RuntimeException e) {
        LOG.warn("stream handler failed on a tool start: {}", e.toString());
      }
    }
    Duration limit = tool.timeout(inv.call()).orElse(null);
    boolean ownLimit = true; // where the limit came from is named only if the call times out
    if (limit == null || limit.isNegative() || limit.isZero()) {
      limit = agent.toolTimeout(tool.name());
      ownLimit = false;
    }
    BoundedCall<ToolResult> running =
        BoundedCall.start(() -> runTool(tool, inv), agent.isolateCalls(), lane);
    Runnable unhook = cancellation.whileRunning(running::abandon);
    ToolResult result;
    boolean ended = true;
    long t0 = System.nanoTime();
    try {
      result = running.await(limit.toNanos());
    } catch (java.util.concurrent.TimeoutException e) {
      ended = false;
      result =
          ToolResult.error(
              "tool '"
                  + tool.name()
                  + "' timed out after "
                  + Durations.describe(limit)
                  + " ("
                  + (ownLimit
                      ? "the tool's own timeout for this call"
                      : agent.toolTimeoutSource(tool.name()))
                  + ") and was stopped; it was not charged unless it finishes after all");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = false;
      result = ToolResult.error("the run was cancelled while tool '" + tool.name() + "' ran");
    } catch (BoundedCall.Failed e) {
      // runTool turns everything a tool throws into a result but fatal VM errors
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      unhook.run();
    }
    if (!ended) {
      running.abandon();
      // the tool may still finish (and have spent): settle or release when it really ends
      running.whenDone(
          (late, failure) -> {
            if (late != null && !late.error()) r.settle(cost);
            else r.release();
          });
    } else if (cancellation.isCancelled() && result.error()) {
      result = ToolResult.error("the run was cancelled while tool '" + tool.name() + "' ran");
    }
    String args = inv.rawArguments();
    long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    // a call still running settles or releases when it ends (above); an ended one that failed
    // spent nothing
    boolean ok = ended && !result.error();
    if (ok) r.settle(cost);
    else if (ended) r.release();
    emit.accept(
        new RunEvent.ToolCalled(
            ctx.runId(),
            inv.step(),
            tool.name(),
            args,
            ok ? inv.units() : 0,
            ok ? cost.usd() : 0,
            ok ? "ok" : "error",
            ok ? null : result.text(),
            result.text().length(),
            millis));
    return result;
  }

  /** Runs a tool, turning whatever it throws or a null result into a tool error. */
  private static ToolResult runTool(Tool tool, ToolInvocation inv) {
    try {
      ToolResult result = tool.execute(inv.call());
      if (result == null) {
        return ToolResult.error(
            "tool '" + tool.name() + "' returned null instead of a result; it was not charged");
      }
      return result;
    } catch (ToolArgumentException e) {
      return ToolResult.error(e.getMessage());
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) throw e; // out of memory: nothing sensible to do
      return failed(tool, e);
    } catch (Throwable e) { // an AssertionError from a tool is the tool's failure, not the run's
      return failed(tool, e);
    }
  }

  private static ToolResult failed(Tool tool, Throwable e) {
    return ToolResult.error(
        "tool '"
            + tool.name()
            + "' failed: "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage());
  }
}
