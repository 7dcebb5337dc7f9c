package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.engine.AnswerSchema;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.engine.RunThreads;
import dev.frugal.core.engine.StructuredAnswer;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.intercept.Sleeper;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A budget-aware agent: a strategy, its models and tools, and the budget no run of it may exceed.
 * Immutable and thread-safe; one agent may run many questions at once, each with its own ledger.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *     .model("gpt-4o-mini", openAiChatModel)
 *     .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
 *     .tools(registry)
 *     .budget(Budget.builder().toolUnits("search", 10).usd(0.05).build())
 *     .build();
 * RunResult result = agent.run("Who ...?");
 * }</pre>
 *
 * <p>A run never throws for what a model or tool does: budget exhaustion, model failures and
 * cancellation end it with the matching {@link StopReason}. It reserves a share of the token and
 * dollar caps ({@link Builder#answerReserve}, default 10%) so that a final answer can still be
 * asked for when the working budget is spent.
 */
public final class Agent {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Agent.class);

  /** The model timeout unless {@link Builder#modelTimeout} sets another. */
  public static final Duration DEFAULT_MODEL_TIMEOUT = Duration.ofMinutes(5);

  /** The tool timeout unless {@link Builder#toolTimeout} sets another. */
  public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofMinutes(2);

  private final ModelSelector selector;
  private final ToolRegistry tools;
  private final Budget budget;
  private final PriceTable prices;
  private final Strategy strategy;
  private final BudgetTracker tracker;
  private final int maxSteps;
  private final double answerReserve;
  private final List<RunListener> listeners;
  private final BatchOverrun batchOverrun;
  private final SharedBudgets shared;
  private final java.util.concurrent.Executor executor;
  private final Duration modelTimeout;
  private final Duration toolTimeout;
  private final boolean isolateCalls;
  private final Map<String, Duration> toolTimeouts;
  private final Map<String, TokenCounter> tokenCounters;
  // derived once from the budget, the tools and the prices: every run uses the same (immutable)
  private final Map<String, dev.frugal.core.budget.ToolPrice> toolPrices;
  private final Budget workingBudget;
  // the final-answer reserve as an amount: what a run keeps in its shared scopes while it works
  private final Spend answerReserveSpend;
  private final Map<String, Object> capsDescription;
  // this agent's settings as the engine reads them; private so they stay out of the API
  private final AgentSettings settings;

  private Agent(Builder b) {
    this.selector = b.selector;
    this.tools = b.builtTools;
    this.budget = b.budget;
    this.prices = b.prices;
    this.strategy = b.strategy;
    this.tracker = b.tracker;
    this.maxSteps = b.maxSteps;
    this.answerReserve = b.answerReserve;
    this.listeners = List.copyOf(b.listeners);
    this.batchOverrun = b.batchOverrun;
    this.shared = b.shared;
    this.executor = b.executor;
    this.modelTimeout = b.modelTimeout;
    this.toolTimeout = b.toolTimeout;
    this.isolateCalls = b.isolateCalls;
    this.toolTimeouts = Map.copyOf(b.toolTimeouts);
    Map<String, TokenCounter> counters = new java.util.HashMap<>();
    for (NamedModel m : selector.models()) {
      counters.put(
          m.name(), b.tokenCounters.getOrDefault(m.name(), TokenCounter.forModel(m.name())));
    }
    this.tokenCounters = Map.copyOf(counters);
    this.workingBudget = workingBudget(budget);
    this.answerReserveSpend = answerReserveSpend();
    this.toolPrices = collectToolPrices();
    this.capsDescription = Collections.unmodifiableMap(describeCaps());
    this.settings =
        new AgentSettings(
            this,
            b.maxOutputTokens,
            b.minOutputTokens,
            List.copyOf(b.modelInterceptors),
            List.copyOf(b.toolInterceptors),
            b.retryPolicy,
            b.sleeper,
            toolTimeouts);
  }

  /** What happens to a batched tool call that would overrun its tool's cap. */
  public BatchOverrun batchOverrun() {
    return batchOverrun;
  }

  /** Starts building an agent. */
  public static Builder builder() {
    return new Builder();
  }

  /** Answers {@code question} within the budget. */
  public RunResult run(String question) {
    return run(question, new Cancellation());
  }

  /**
   * Answers {@code question} within the budget; {@code cancellation} may stop it from elsewhere.
   */
  public RunResult run(String question, Cancellation cancellation) {
    return run(question, cancellation, null);
  }

  /**
   * Answers {@code question} within the budget and returns the answer as a {@code type}: a record
   * (any visibility) or a class with properties, of strings, numbers, booleans, enums, {@code
   * java.time} values, {@code Optional}s, lists, sets and nested records or classes. After the
   * strategy has answered, one more model call (paid from the same budget, its final-answer reserve
   * included) asks for the answer as JSON through the model's JSON-schema response format; the
   * reply is validated against the record.
   *
   * <pre>{@code
   * record Capital(String city, String country, int population) {}
   * TypedResult<Capital> r = agent.run("What is the capital of France?", Capital.class);
   * r.value().ifPresent(c -> System.out.println(c.city()));
   * }</pre>
   *
   * @return the typed value (empty when the run gave no answer or the budget could not pay for
   *     structuring it) and the run's result
   * @throws IllegalArgumentException when {@code type} is not a supported record or class (see the
   *     README's typed answers)
   * @throws AnswerFormatException when the model's JSON does not fit {@code type}; nothing more is
   *     spent, and the exception carries the run's result
   */
  public <T> TypedResult<T> run(String question, Class<T> type) {
    return run(question, type, new Cancellation());
  }

  /** Like {@link #run(String, Class)}; {@code cancellation} may stop it from elsewhere. */
  public <T> TypedResult<T> run(String question, Class<T> type, Cancellation cancellation) {
    StructuredAnswer<T> structured = new StructuredAnswer<>(type);
    RunResult r = run(question, cancellation, structured);
    if (structured.problem() != null) throw new AnswerFormatException(structured.problem(), r);
    return new TypedResult<>(java.util.Optional.ofNullable(structured.value()), r);
  }

  /**
   * Starts {@link #run(String)} on a shared pool of daemon threads. Cancelling the returned future
   * cancels the run (it stops before its next call, see {@link Cancellation}).
   *
   * @throws IllegalArgumentException at once, when the question is blank
   */
  public java.util.concurrent.CompletableFuture<RunResult> runAsync(String question) {
    return runAsync(question, RunThreads.pool());
  }

  /** Like {@link #runAsync(String)}, on {@code executor}. */
  public java.util.concurrent.CompletableFuture<RunResult> runAsync(
      String question, java.util.concurrent.Executor executor) {
    return runAsync(question, new Cancellation(), executor);
  }

  /**
   * Starts {@link #run(String, Cancellation)} on {@code executor}. The run can be stopped through
   * {@code cancellation} or by cancelling the returned future (which cancels {@code cancellation});
   * a run stopped before it started completes nothing more.
   *
   * @throws IllegalArgumentException at once, when the question is blank
   */
  public java.util.concurrent.CompletableFuture<RunResult> runAsync(
      String question, Cancellation cancellation, java.util.concurrent.Executor executor) {
    return async(() -> run(question, cancellation), question, cancellation, executor);
  }

  /** {@link #run(String, Class)} on {@code executor}; cancelling the future cancels the run. */
  public <T> java.util.concurrent.CompletableFuture<TypedResult<T>> runAsync(
      String question, Class<T> type, java.util.concurrent.Executor executor) {
    AnswerSchema.of(type); // an unsupported type fails here, not in the future
    Cancellation cancellation = new Cancellation();
    return async(() -> run(question, type, cancellation), question, cancellation, executor);
  }

  private <R> java.util.concurrent.CompletableFuture<R> async(
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

  private static void requireQuestion(String question) {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("question must not be blank");
    }
  }

  /**
   * Answers {@code question} within the budget, handing {@code handler} the final answer's tokens
   * as a {@link dev.langchain4j.model.chat.StreamingChatModel} streams them (see {@link
   * Builder#model(String, dev.langchain4j.model.chat.StreamingChatModel)}), each tool call as it
   * starts, every step event and, at the end, the result, which it also returns. Reservations,
   * retries, timeouts and settling are those of {@link #run(String)}: each call reserves its
   * estimate and {@code maxOutputTokens} before it starts and settles the usage the provider
   * reports; a stream that breaks off after text has come is charged the whole reservation and ends
   * the run with a {@link StopReason.ModelFailure}. A model that does not stream (a plain {@link
   * ChatModel}) still gives the events and the result, and the answer as one token at the end.
   */
  public RunResult runStreaming(String question, dev.frugal.core.stream.RunStreamHandler handler) {
    return runStreaming(question, new Cancellation(), handler);
  }

  /** Like {@link #runStreaming(String, dev.frugal.core.stream.RunStreamHandler)}, cancellable. */
  public RunResult runStreaming(
      String question, Cancellation cancellation, dev.frugal.core.stream.RunStreamHandler handler) {
    java.util.Objects.requireNonNull(handler, "handler");
    return run(question, cancellation, null, new Turn(null, null, List.of(), handler), null);
  }

  /**
   * Starts a conversation: questions asked one after another, each seeing the earlier exchange
   * (kept in a LangChain4j {@link dev.langchain4j.memory.ChatMemory}, by default the last 20
   * messages), all paid from {@code budget}, which replaces the agent's own per-run budget for
   * them. The Budget Tracker of each turn sees what the conversation has left.
   *
   * @throws IllegalArgumentException when a cap of {@code budget} names a tool or a model the agent
   *     does not have
   */
  public Conversation conversation(Budget budget) {
    return conversation(budget, new WindowMemory(20));
  }

  /** Like {@link #conversation(Budget)}, keeping the exchange in {@code memory}. */
  public Conversation conversation(Budget budget, dev.langchain4j.memory.ChatMemory memory) {
    java.util.Objects.requireNonNull(budget, "budget");
    java.util.Objects.requireNonNull(memory, "memory");
    java.util.Set<String> models = new java.util.TreeSet<>();
    selector.models().forEach(m -> models.add(m.name()));
    try {
      AgentChecks.caps(budget, "the conversation's budget", tools.names(), models);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new Conversation(this, Ledger.open(budget, shared), memory);
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

  /** One turn of {@code conversation}: a run charged to its ledger, with what it has left. */
  RunResult turn(
      String question,
      Ledger conversation,
      Budget left,
      List<dev.langchain4j.data.message.ChatMessage> history,
      dev.frugal.core.stream.RunStreamHandler handler,
      Cancellation cancellation) {
    return run(question, cancellation, null, new Turn(conversation, left, history, handler), null);
  }

  private RunResult run(
      String question, Cancellation cancellation, StructuredAnswer<?> structured) {
    return run(question, cancellation, structured, null, null);
  }

  /**
   * Answers each of {@code questions} within this agent's budget per question and, all together,
   * within {@code batchBudget}: the runs' ledgers are children of one batch ledger enforcing it, so
   * no run (nor all of them at once) can spend beyond it, whatever runs concurrently. A strategy
   * that spends only what a question needs ({@link dev.frugal.core.strategy.Pets}) leaves the rest
   * of the batch to the harder questions (docs/extras.md, section "PETS"). With an {@link
   * Builder#executor executor} the questions run at once on it, else one after another; the results
   * come back in the order of the questions. A run the batch budget refuses ends like a run whose
   * own budget is spent. With shared budgets the batch ledger also draws on the scopes, but a run
   * of a batch does not keep its final-answer reserve in them ahead of its working calls.
   *
   * @throws IllegalArgumentException when a question is blank (before anything runs)
   */
  public List<RunResult> runAll(List<String> questions, Budget batchBudget) {
    java.util.Objects.requireNonNull(questions, "questions");
    java.util.Objects.requireNonNull(batchBudget, "batchBudget");
    for (int i = 0; i < questions.size(); i++) {
      if (questions.get(i) == null || questions.get(i).isBlank()) {
        throw new IllegalArgumentException(
            "question " + (i + 1) + " of " + questions.size() + " is blank; each must have text");
      }
    }
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

  private RunResult run(
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
    Ledger working = root.child(ownBudget ? workingBudget : workingBudget(turn.budget()));
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

  private Map<String, dev.frugal.core.budget.ToolPrice> collectToolPrices() {
    Map<String, dev.frugal.core.budget.ToolPrice> out = new java.util.TreeMap<>();
    for (String t : tools.names()) out.put(t, prices.toolPrice(t));
    return Collections.unmodifiableMap(out);
  }

  /** The budget minus the final-answer reserve: what strategies may spend on their own. */
  private Budget workingBudget(Budget budget) {
    Budget.Builder b = Budget.builder();
    budget.toolUnitCaps().forEach(b::toolUnits);
    budget.inputTokens().ifPresent(v -> b.inputTokens(v - reserveOf(v)));
    budget.outputTokens().ifPresent(v -> b.outputTokens(v - reserveOf(v)));
    budget.totalTokens().ifPresent(v -> b.totalTokens(v - reserveOf(v)));
    budget.usdPicos().ifPresent(v -> b.usd(Money.usd(v - reserveOf(v))));
    budget
        .modelCallCaps()
        .forEach((m, v) -> b.modelCalls(m, answerReserve > 0 && v > 1 ? v - 1 : v));
    return b.build();
  }

  /**
   * The final-answer reserve (the caps minus {@link #workingBudget(Budget)}) as an amount a run
   * holds in its shared scopes from its start, so that a scope keeps the reserve as the run's own
   * caps do.
   */
  private Spend answerReserveSpend() {
    long in = budget.inputTokens().isPresent() ? reserveOf(budget.inputTokens().getAsLong()) : 0;
    long out = budget.outputTokens().isPresent() ? reserveOf(budget.outputTokens().getAsLong()) : 0;
    if (budget.totalTokens().isPresent()) {
      out = Math.max(out, reserveOf(budget.totalTokens().getAsLong()) - in);
    }
    long picos = budget.usdPicos().isPresent() ? reserveOf(budget.usdPicos().getAsLong()) : 0;
    Map<String, Long> calls = new java.util.TreeMap<>();
    budget
        .modelCallCaps()
        .forEach(
            (m, v) -> {
              if (answerReserve > 0 && v > 1) calls.put(m, 1L);
            });
    return new Spend(
        in,
        0,
        out,
        Map.of(),
        calls,
        picos > 0 ? Map.of("final answer", picos) : Map.of(),
        Map.of());
  }

  private long reserveOf(long cap) {
    return (long) Math.floor(cap * answerReserve);
  }

  private Map<String, Object> describeCaps() {
    return describeCaps(budget);
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

  /** The agent's tools. */
  public ToolRegistry tools() {
    return tools;
  }

  /** The caps every run of this agent is held to. */
  public Budget budget() {
    return budget;
  }

  /** The prices that turn usage into dollars. */
  public PriceTable prices() {
    return prices;
  }

  /** The strategy every run follows. */
  public Strategy strategy() {
    return strategy;
  }

  /** The Budget Tracker, when it is on. */
  public Optional<BudgetTracker> tracker() {
    return Optional.ofNullable(tracker);
  }

  /** The most steps a run may take. */
  public int maxSteps() {
    return maxSteps;
  }

  /** What picks the model of each call. */
  public ModelSelector selector() {
    return selector;
  }

  /** The shared scopes every run also draws from, if any. */
  public Optional<SharedBudgets> sharedBudgets() {
    return Optional.ofNullable(shared);
  }

  /**
   * Where parallel strategies run their branches (BATS attempts, BAVT branches, majority samples);
   * empty when they run one after another on the run's own thread.
   */
  public Optional<java.util.concurrent.Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** The most one model call may take, all its attempts and their waits included. */
  public Duration modelTimeout() {
    return modelTimeout;
  }

  /** Whether model and tool calls run on worker threads; see {@link Builder#isolateCalls}. */
  public boolean isolateCalls() {
    return isolateCalls;
  }

  /**
   * The most one call of {@code tool} may take when the tool does not say otherwise for the call:
   * its own setting, else the default.
   */
  public Duration toolTimeout(String tool) {
    return toolTimeouts.getOrDefault(tool, toolTimeout);
  }

  /**
   * The counter of {@code model}'s input estimates: the one set for it, else {@link
   * TokenCounter#forModel}.
   */
  public TokenCounter tokenCounter(String model) {
    TokenCounter c = tokenCounters.get(model);
    return c != null ? c : TokenCounter.forModel(model);
  }

  /**
   * Builds an {@link Agent}. A model (or a selector), its prices and a budget are required: a
   * runtime for budgets has no default budget, so an uncapped agent is an explicit choice ({@code
   * budget(Budget.unlimited())}). Everything else has a default: no tools, ReAct, the Budget
   * Tracker on, 30 steps, 1,024 output tokens per call, a 10% final-answer reserve, 3 attempts per
   * model call. Each setting is checked when set and may be set once; {@link #build()} checks that
   * every cap names a tool or model the agent has.
   */
  public static final class Builder {
    private ModelSelector selector;
    private ToolRegistry tools;
    private final ToolRegistry.Builder registry = ToolRegistry.builder();
    private boolean registryUsed;
    private Budget budget;
    private ToolRegistry builtTools;
    private PriceTable prices;
    private Strategy strategy;
    private String systemPrompt;
    private BudgetTracker tracker = BudgetTracker.withDefaults();
    private boolean trackerSet;
    private int maxSteps = 30;
    private int maxOutputTokens = 1024;
    private int minOutputTokens = 16;
    private double answerReserve = 0.10;
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<ModelInterceptor> modelInterceptors = new ArrayList<>();
    private final List<ToolInterceptor> toolInterceptors = new ArrayList<>();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private BatchOverrun batchOverrun = BatchOverrun.REFUSE_WHOLE;
    private SharedBudgets shared;
    private java.util.concurrent.Executor executor;
    private Duration modelTimeout = DEFAULT_MODEL_TIMEOUT;
    private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
    private boolean isolateCalls;
    private final Map<String, Duration> toolTimeouts = new LinkedHashMap<>();
    private final Map<String, TokenCounter> tokenCounters = new java.util.HashMap<>();
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    /** The one model of this agent, priced and capped under {@code name}. */
    public Builder model(String name, ChatModel model) {
      return modelSelector(ModelSelector.fixed(new NamedModel(name, model)));
    }

    /**
     * The one model of this agent, a streaming one (OpenAI-compatible, Anthropic, ...): {@link
     * Agent#runStreaming} hands its answer tokens out as they come; {@link Agent#run} waits for the
     * whole reply. Both reserve and settle as for a blocking model.
     */
    public Builder model(String name, dev.langchain4j.model.chat.StreamingChatModel model) {
      java.util.Objects.requireNonNull(model, "model");
      return model(name, new dev.frugal.core.stream.StreamingModel(model));
    }

    /**
     * The system prompt of the default strategy (ReAct); the Budget Tracker's section is still
     * appended when the tracker is on. To give another strategy a prompt, set it on that strategy's
     * builder: with {@link #strategy} also set, {@link #build()} fails.
     */
    public Builder systemPrompt(String prompt) {
      once("systemPrompt");
      if (prompt == null || prompt.isBlank()) {
        throw new IllegalArgumentException("systemPrompt must not be blank");
      }
      this.systemPrompt = prompt;
      return this;
    }

    /** Picks the model for every call (e.g. a small/large router). */
    public Builder modelSelector(ModelSelector selector) {
      once("model / modelSelector");
      this.selector = java.util.Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** The tools, as a built registry; cannot be combined with {@link #tool}/{@link #toolsFrom}. */
    public Builder tools(ToolRegistry tools) {
      once("tools");
      if (registryUsed)
        throw new IllegalStateException(
            "tools(registry) cannot be combined with tool(...)/toolsFrom(...)");
      this.tools = java.util.Objects.requireNonNull(tools, "tools");
      return this;
    }

    /** Adds one tool. */
    public Builder tool(Tool tool) {
      if (tools != null)
        throw new IllegalStateException("tool(...) cannot be combined with tools(registry)");
      registryUsed = true;
      registry.add(tool);
      return this;
    }

    /** Adds every LangChain4j {@code @Tool} method of {@code target}, one unit per call. */
    public Builder toolsFrom(Object target) {
      if (tools != null)
        throw new IllegalStateException("toolsFrom(...) cannot be combined with tools(registry)");
      registryUsed = true;
      registry.annotated(target);
      return this;
    }

    /**
     * The caps no run may exceed; required. Use {@link Budget#unlimited()} to run without caps (up
     * to {@link #maxSteps}). Every tool and model a cap names must be one this agent has.
     */
    public Builder budget(Budget budget) {
      once("budget");
      this.budget = java.util.Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Prices for every model the agent may call; required. */
    public Builder prices(PriceTable prices) {
      once("prices");
      this.prices = java.util.Objects.requireNonNull(prices, "prices");
      return this;
    }

    /** The strategy; ReAct unless set. */
    public Builder strategy(Strategy strategy) {
      once("strategy");
      this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** Turns the default Budget Tracker on or off. */
    public Builder budgetTracker(boolean on) {
      once("budgetTracker");
      this.tracker = on ? BudgetTracker.withDefaults() : null;
      return this;
    }

    /** Uses this Budget Tracker (e.g. with other thresholds). */
    public Builder budgetTracker(BudgetTracker tracker) {
      once("budgetTracker");
      this.tracker = java.util.Objects.requireNonNull(tracker, "tracker");
      return this;
    }

    /** The most steps a run may take (at least 1); 30 unless set. */
    public Builder maxSteps(int maxSteps) {
      once("maxSteps");
      if (maxSteps < 1)
        throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
      this.maxSteps = maxSteps;
      return this;
    }

    /**
     * Output tokens requested per model call when the request sets none (lowered further when the
     * budget cannot pay for them). Default 1,024.
     */
    public Builder maxOutputTokens(int tokens) {
      once("maxOutputTokens");
      if (tokens < 1)
        throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + tokens);
      this.maxOutputTokens = tokens;
      return this;
    }

    /** Below this many affordable output tokens a call is refused rather than made. Default 16. */
    public Builder minOutputTokens(int tokens) {
      once("minOutputTokens");
      if (tokens < 1)
        throw new IllegalArgumentException("minOutputTokens must be >= 1, got " + tokens);
      this.minOutputTokens = tokens;
      return this;
    }

    /**
     * The share of every token and dollar cap kept back to force a final answer, in [0, 0.5];
     * default 0.10. A positive reserve also keeps back one call of every model-call cap above 1.
     */
    public Builder answerReserve(double fraction) {
      once("answerReserve");
      if (!(fraction >= 0 && fraction <= 0.5)) {
        throw new IllegalArgumentException("answerReserve must be in [0, 0.5], got " + fraction);
      }
      this.answerReserve = fraction;
      return this;
    }

    /** Adds a listener that receives every event of every run. */
    public Builder listener(RunListener listener) {
      listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Adds a model interceptor; the first added is the outermost. */
    public Builder modelInterceptor(ModelInterceptor interceptor) {
      modelInterceptors.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Adds a tool interceptor; the first added is the outermost. */
    public Builder toolInterceptor(ToolInterceptor interceptor) {
      toolInterceptors.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** How failed model calls are retried; {@link RetryPolicy#defaults()} unless set. */
    public Builder retryPolicy(RetryPolicy policy) {
      once("retryPolicy");
      this.retryPolicy = java.util.Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The most one model call may take, from its first attempt to the end of its last reply's body,
     * retries and their waits included; default 5 minutes. A call still running then is interrupted
     * and abandoned (its reservation is settled or released when it really ends), and the run stops
     * with a {@link StopReason.ModelFailure} naming this timeout. A retry whose wait would end past
     * it is not made.
     */
    public Builder modelTimeout(Duration timeout) {
      once("modelTimeout");
      this.modelTimeout = positive("modelTimeout", timeout);
      return this;
    }

    /**
     * The most one tool call may take unless the tool's own setting or the tool itself ({@link
     * Tool#timeout}) says otherwise; default 2 minutes. A call still running then is interrupted
     * and the model gets a tool error naming the timeout.
     */
    public Builder toolTimeout(Duration timeout) {
      once("toolTimeout");
      this.toolTimeout = positive("toolTimeout", timeout);
      return this;
    }

    /**
     * Where model and tool calls run. Off (the default): on the run's own thread, and a timeout or
     * {@link Cancellation#cancel()} interrupts them there; this costs no thread hand-off, and a run
     * started on a virtual thread makes its calls on it. A call that ignores interrupts (a tool
     * spinning in a loop, a client that swallows them) then holds the run until it returns, and is
     * reported as timed out when it returns after its deadline. On: every call runs on a worker
     * thread of a shared daemon pool and the run stops waiting at the deadline even for such a
     * call, which keeps running until it ends; its reservation is settled or released then. That
     * costs two thread wake-ups per call (about 25 us each on a small VM): nothing next to a real
     * model's latency, a lot next to an in-process tool. Turn it on for tools or clients you do not
     * trust to honour interrupts; the {@code ./frugal} CLI does.
     */
    public Builder isolateCalls(boolean isolate) {
      once("isolateCalls");
      this.isolateCalls = isolate;
      return this;
    }

    /** The timeout of one tool's calls (the tool must be one of the agent's; checked at build). */
    public Builder toolTimeout(String tool, Duration timeout) {
      java.util.Objects.requireNonNull(tool, "tool");
      if (toolTimeouts.put(tool, positive("toolTimeout(\"" + tool + "\")", timeout)) != null) {
        throw new IllegalStateException("toolTimeout(\"" + tool + "\") was already set");
      }
      return this;
    }

    private static Duration positive(String setting, Duration d) {
      java.util.Objects.requireNonNull(d, setting);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(setting + " must be a positive duration, got " + d);
      }
      return d;
    }

    /**
     * Counts {@code model}'s input tokens for the estimates reserved before its calls, instead of
     * {@link TokenCounter#forModel} (the real tokenizer of OpenAI models, a conservative rule for
     * others). The model must be one of the agent's (checked at build).
     */
    public Builder tokenCounter(String model, TokenCounter counter) {
      java.util.Objects.requireNonNull(model, "model");
      java.util.Objects.requireNonNull(counter, "counter");
      if (tokenCounters.put(model, counter) != null) {
        throw new IllegalStateException("tokenCounter(\"" + model + "\", ...) was already set");
      }
      return this;
    }

    /** How retries wait; tests inject one that does not sleep. */
    public Builder sleeper(Sleeper sleeper) {
      once("sleeper");
      this.sleeper = java.util.Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * What happens to a call charged per array element (e.g. a search with several queries) that
     * would overrun its tool's cap: {@link BatchOverrun#REFUSE_WHOLE} (the default) or {@link
     * BatchOverrun#TRUNCATE} (run the first elements the units left can pay for, and say which).
     */
    public Builder batchOverrun(BatchOverrun policy) {
      once("batchOverrun");
      this.batchOverrun = java.util.Objects.requireNonNull(policy, "batchOverrun");
      return this;
    }

    /**
     * Shared scopes (a tenant's daily cap, a team's monthly cap) every run also draws from, kept in
     * a {@link dev.frugal.core.budget.BudgetStore}: in-process or Redis ({@code budget-redis}).
     * Each run holds its final-answer reserve ({@link #answerReserve}) in them from its start, so a
     * run the scopes cannot keep it for is refused before it spends anything, and one that spends
     * can still answer; see {@link SharedBudgets} for waiting for room.
     */
    public Builder sharedBudgets(SharedBudgets shared) {
      once("sharedBudgets");
      this.shared = java.util.Objects.requireNonNull(shared, "shared");
      return this;
    }

    /**
     * Runs independent work of a run at the same time on {@code executor}, e.g. a virtual-thread
     * executor on Java 21+: the samples of {@link dev.frugal.core.strategy.ParallelMajority}, and
     * the tool calls of one model turn that asks for several (in ReAct, in every BATS attempt and
     * in every BAVT expansion), whose results still reach the conversation in the model's order.
     * BATS attempts and BAVT expansions themselves stay sequential: each depends on what the
     * earlier ones found. Unset, everything runs one after another on the run's thread. The agent
     * never shuts it down; tools and tool interceptors must be thread-safe.
     */
    public Builder executor(java.util.concurrent.Executor executor) {
      once("executor");
      this.executor = java.util.Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the agent, checking that a model is set and priced, that a budget is set and that its
     * caps and the price table name only this agent's tools and models. Tools priced by the price
     * table's default (not declared) are logged at INFO and shown in every {@link
     * RunResult#toolPrices()}.
     *
     * @throws IllegalStateException naming what is missing or wrong and what would be valid
     */
    public Agent build() {
      if (selector == null) {
        throw new IllegalStateException(
            "no model: call model(name, chatModel) or modelSelector(...)");
      }
      if (prices == null) {
        throw new IllegalStateException(
            "no prices: call prices(PriceTable...) with a price for every model"
                + " (PriceTable.builder().model(name, ModelPrice.of(in, out)))");
      }
      for (NamedModel m : selector.models()) {
        prices.model(m.name()); // throws UnknownModelException naming the priced models
      }
      if (budget == null) {
        throw new IllegalStateException(
            "no budget: call budget(Budget.builder().usd(0.05).toolUnits(\"search\", 10).build())"
                + " (any caps) or, to run uncapped up to maxSteps, budget(Budget.unlimited())");
      }
      builtTools = tools == null ? registry.build() : tools;
      java.util.Set<String> modelNames = new java.util.TreeSet<>();
      selector.models().forEach(m -> modelNames.add(m.name()));
      AgentChecks.names(
          builtTools.names(),
          modelNames,
          budget,
          prices,
          tokenCounters.keySet(),
          toolTimeouts.keySet());
      List<String> defaulted =
          builtTools.names().stream().filter(t -> !prices.toolPrice(t).declared()).toList();
      if (!defaulted.isEmpty() && prices.defaultToolUnitUsd() > 0) {
        LOG.info(
            "tools {} have no declared price and cost the default ${} per unit;"
                + " declare them with PriceTable.builder().tool(name, usdPerUnit)",
            defaulted,
            dev.frugal.core.budget.Money.format(
                dev.frugal.core.budget.Money.picos(prices.defaultToolUnitUsd())));
      }
      if (systemPrompt != null && strategy != null) {
        throw new IllegalStateException(
            "systemPrompt(...) sets the prompt of the default ReAct strategy, but strategy(...) was"
                + " set too; set the prompt on that strategy's builder instead, e.g."
                + " ReAct.builder().systemPrompt(...)");
      }
      if (strategy == null) {
        ReAct.Builder react = ReAct.builder();
        if (systemPrompt != null) react.systemPrompt(systemPrompt);
        strategy = react.build();
      }
      return new Agent(this);
    }

    private void once(String setting) {
      if (!set.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }
  }
}
