package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.engine.StructuredAnswer;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.tracker.BudgetTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one run of an {@link Agent} goes: it opens the run's ledgers (its own, a conversation's or a
 * batch's child, with the final-answer reserve kept out of the working one), hands the events to
 * the listeners and the stream handler, runs the strategy, turns what stopped it into a {@link
 * StopReason} and settles everything into a {@link RunResult}. Package-private: {@link Agent} is
 * the API, this is what its run methods share.
 */
final class AgentRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Agent.class);

  private final Budget budget;
  private final Strategy strategy;
  private final BudgetTracker tracker;
  private final List<RunListener> listeners;
  private final SharedBudgets shared;
  private final AgentSettings settings;
  private final AnswerReserve reserve;
  private final Budget workingBudget;
  // the final-answer reserve a run holds in its shared scopes from its start
  private final Spend answerReserveSpend;
  private final Map<String, Object> capsDescription;
  private final Map<String, dev.frugal.core.budget.ToolPrice> toolPrices;

  AgentRun(
      Budget budget,
      Strategy strategy,
      BudgetTracker tracker,
      List<RunListener> listeners,
      SharedBudgets shared,
      AgentSettings settings,
      AnswerReserve reserve,
      Map<String, dev.frugal.core.budget.ToolPrice> toolPrices) {
    this.budget = budget;
    this.strategy = strategy;
    this.tracker = tracker;
    this.listeners = listeners;
    this.shared = shared;
    this.settings = settings;
    this.reserve = reserve;
    this.workingBudget = reserve.working(budget);
    this.answerReserveSpend = reserve.heldInScopes(budget);
    this.capsDescription = Collections.unmodifiableMap(describeCaps(budget));
    this.toolPrices = toolPrices;
  }

  /** A stream handler that counts the answer tokens it passed on. */
  private static final class AnswerCount implements dev.frugal.core.stream.RunStreamHandler {
    private final dev.frugal.core.stream.RunStreamHandler h;
    private final java.util.concurrent.atomic.AtomicInteger tokens =
        new java.util.concurrent.atomic.AtomicInteger();

    AnswerCount(dev.frugal.core.stream.RunStreamHandler h) {
      this.h = h;
    }

    @Override
    public void onAnswerToken(String token) {
      tokens.incrementAndGet();
      try {
        h.onAnswerToken(token);
      } catch (RuntimeException e) {
        LOG.warn("stream handler failed on an answer token: {}", e.toString());
      }
    }

    @Override
    public void onToolStarted(int step, String tool, String arguments, long units, double usd) {
      h.onToolStarted(step, tool, arguments, units, usd);
    }

    @Override
    public void onEvent(RunEvent event) {
      h.onEvent(event);
    }

    @Override
    public void onComplete(RunResult result) {
      h.onComplete(result);
    }
  }

  /**
   * What makes a run a turn of a conversation or a streamed run: the conversation's ledger and what
   * it has left (null: a run on its own), the earlier exchange, the stream handler (or null).
   */
  record Turn(
      Ledger parent,
      Budget budget,
      List<dev.langchain4j.data.message.ChatMessage> history,
      dev.frugal.core.stream.RunStreamHandler handler) {}

  RunResult run(
      String question,
      Cancellation cancellation,
      StructuredAnswer<?> structured,
      Turn turn,
      Ledger batch) {
    requireQuestion(question);
    AnswerCount handler =
        turn == null || turn.handler() == null ? null : new AnswerCount(turn.handler());
    String runId =
        Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | (1L << 60))
            .substring(0, 8);
    long t0 = System.nanoTime();
    // a ReAct run of a few steps emits a dozen events or two: sized so that it rarely grows
    List<RunEvent> trace = Collections.synchronizedList(new ArrayList<>(24));
    java.util.function.Consumer<RunEvent> emit =
        e -> {
          trace.add(e);
          for (RunListener l : listeners) {
            try {
              l.onEvent(e);
            } catch (RuntimeException ex) {
              LOG.warn(
                  "run listener {} failed on {}: {}",
                  l,
                  e.getClass().getSimpleName(),
                  ex.toString());
            }
          }
          if (handler != null) {
            try {
              handler.onEvent(e);
            } catch (RuntimeException ex) {
              LOG.warn(
                  "stream handler failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
            }
          }
        };
    boolean ownBudget = turn == null || turn.parent() == null;
    Ledger root =
        !ownBudget
            ? turn.parent().child(turn.budget())
            : batch != null ? batch.child(budget) : Ledger.open(budget, shared);
    Ledger working = root.child(ownBudget ? workingBudget : reserve.working(turn.budget()));
    RunContext ctx = new RunContext(runId, question, root, working, settings, cancellation, emit);
    if (turn != null) {
      ctx.streamTo(handler);
      ctx.history(turn.history());
    }
    emit.accept(
        new RunEvent.RunStarted(
            runId,
            question,
            strategy.name() + (tracker != null ? "+tracker" : ""),
            ownBudget ? capsDescription : describeCaps(turn.budget())));
    Strategy.Outcome out;
    try {
      if (shared != null && ownBudget && batch == null) root.keepInScopes(answerReserveSpend);
      out = strategy.run(ctx);
      if (structured != null) out = structured.apply(ctx, root, out);
    } catch (BudgetExceededException e) {
      out = new Strategy.Outcome(null, StopReason.BudgetExhausted.refused(e), false);
    } catch (ModelFailureException e) {
      out = new Strategy.Outcome(null, new StopReason.ModelFailure(e.getMessage()), false);
    } catch (CancelledException e) {
      out = new Strategy.Outcome(null, new StopReason.Cancelled(), false);
    } catch (BudgetStoreUnavailableException e) {
      out =
          new Strategy.Outcome(null, new StopReason.BudgetStoreUnavailable(e.getMessage()), false);
    } finally {
      root.close();
      ctx.endCalls();
    }
    LedgerSnapshot s = root.snapshot(); // closed: nothing changes it any more
    Optional<Cap> overshot = s.overshoot();
    if (overshot.isPresent()
        && !(out.reason() instanceof StopReason.Answered)
        && !(out.reason() instanceof StopReason.Cancelled)) {
      // whatever the strategy ran into next, the reason it could not go on is the overshoot
      out =
          new Strategy.Outcome(
              out.answer(),
              new StopReason.Overshot(overshot.get()),
              out.forced() && out.answer() != null);
    } else if (out.reason() instanceof StopReason.BudgetExhausted
        && root.scopeOvershoot().isPresent()) {
      // a shared scope, not the run, went over: a provider billed it beyond its reservation
      BudgetExceededException e = root.scopeOvershoot().get();
      out =
          new Strategy.Outcome(
              out.answer(),
              new StopReason.Overshot(e.cap(), e.overshotScope().get()),
              out.forced());
    }
    if (out.answer() != null || out.forced()) {
      emit.accept(new RunEvent.AnswerGiven(runId, ctx.steps(), out.answer(), out.forced()));
    }
    Spend used = s.used();
    Duration wall = Duration.ofNanos(System.nanoTime() - t0);
    emit.accept(
        new RunEvent.RunFinished(
            runId,
            out.reason().describe(),
            out.answer(),
            used.usd(),
            used.inputTokens(),
            used.outputTokens(),
            used.toolUnits(),
            ctx.steps(),
            wall.toMillis()));
    RunResult result =
        new RunResult(
            runId,
            question,
            Optional.ofNullable(out.answer()),
            out.reason(),
            out.forced(),
            used.usd(),
            s.usdByModel(),
            s.usdByTool(),
            used.inputTokens(),
            used.cachedInputTokens(),
            used.outputTokens(),
            used.toolUnits(), // read-only and sorted by name already
            used.modelCalls(),
            ctx.steps(),
            wall,
            List.copyOf(trace),
            s,
            toolPrices);
    if (handler != null) {
      if (handler.tokens.get() == 0 && result.answer().isPresent()) {
        // nothing streamed it (a model that does not stream, an answer chosen among proposals):
        // the answer goes out whole
        handler.onAnswerToken(result.answer().get());
      }
      try {
        handler.onComplete(result);
      } catch (RuntimeException ex) {
        LOG.warn("stream handler failed on the result: {}", ex.toString());
      }
    }
    return result;
  }

  /**
   * The runs of {@code questions} as children of one ledger enforcing {@code batchBudget}: on
   * {@code executor} at once when there is one, else one after another; the results in the order of
   * the questions.
   */
  List<RunResult> all(
      List<String> questions, Budget batchBudget, java.util.concurrent.Executor executor) {
    try (Ledger batch = Ledger.open(batchBudget, shared)) {
      if (executor == null) {
        List<RunResult> out = new ArrayList<>();
        for (String q : questions) out.add(run(q, new Cancellation(), null, null, batch));
        return List.copyOf(out);
      }
      List<java.util.function.Supplier<RunResult>> runs = new ArrayList<>();
      for (String q : questions) runs.add(() -> run(q, new Cancellation(), null, null, batch));
      // the caller runs what the executor has not started: runs that fan out on the same
      // executor (parallel samples) cannot starve it
      return List.copyOf(dev.frugal.core.strategy.internal.CallerRuns.all(runs, executor));
    }
  }

  /**
   * Runs {@code work} on {@code executor}; cancelling the returned future cancels {@code
   * cancellation}, and a run whose future is done before it starts does not start.
   */
  static <R> java.util.concurrent.CompletableFuture<R> async(
      java.util.function.Supplier<R> work,
      String question,
      Cancellation cancellation,
      java.util.concurrent.Executor executor) {
    requireQuestion(question);
    java.util.Objects.requireNonNull(cancellation, "cancellation");
    java.util.Objects.requireNonNull(executor, "executor");
    java.util.concurrent.CompletableFuture<R> future =
        new java.util.concurrent.CompletableFuture<>();
    future.whenComplete(
        (r, t) -> {
          if (future.isCancelled()) cancellation.cancel();
        });
    executor.execute(
        () -> {
          if (future.isDone()) return;
          try {
            future.complete(work.get());
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    return future;
  }

  static void requireQuestion(String question) {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("question must not be blank");
    }
  }

  private static Map<String, Object> describeCaps(Budget budget) {
    Map<String, Object> caps = new LinkedHashMap<>();
    budget
        .caps()
        .forEach(
            (c, v) ->
                caps.put(c.describe(), c instanceof Cap.Usd ? (Object) Money.usd(v) : (Object) v));
    return caps;
  }
}
