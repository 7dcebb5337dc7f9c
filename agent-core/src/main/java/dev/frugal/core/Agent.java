package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.engine.AnswerSchema;
import dev.frugal.core.engine.RunThreads;
import dev.frugal.core.engine.StructuredAnswer;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.Collections;
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
 * dollar caps ({@link AgentBuilder#answerReserve}, default 10%) so that a final answer can still be
 * asked for when the working budget is spent.
 */
public final class Agent {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Agent.class);

  /** The model timeout unless {@link AgentBuilder#modelTimeout} sets another. */
  public static final Duration DEFAULT_MODEL_TIMEOUT = Duration.ofMinutes(5);

  /** The tool timeout unless {@link AgentBuilder#toolTimeout} sets another. */
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
  // this agent's settings as the engine reads them; private so they stay out of the API
  private final AgentSettings settings;
  // what every run of this agent shares: its ledgers' caps, listeners and settlement
  private final AgentRun runner;

  Agent(AgentBuilder b) {
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
    this.runner =
        new AgentRun(
            budget,
            strategy,
            tracker,
            listeners,
            shared,
            settings,
            new AnswerReserve(answerReserve),
            collectToolPrices());
  }

  /** What happens to a batched tool call that would overrun its tool's cap. */
  public BatchOverrun batchOverrun() {
    return batchOverrun;
  }

  /** Starts building an agent. */
  public static AgentBuilder builder() {
    return new AgentBuilder();
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
    return AgentRun.async(() -> run(question, cancellation), question, cancellation, executor);
  }

  /** {@link #run(String, Class)} on {@code executor}; cancelling the future cancels the run. */
  public <T> java.util.concurrent.CompletableFuture<TypedResult<T>> runAsync(
      String question, Class<T> type, java.util.concurrent.Executor executor) {
    AnswerSchema.of(type); // an unsupported type fails here, not in the future
    Cancellation cancellation = new Cancellation();
    return AgentRun.async(
        () -> run(question, type, cancellation), question, cancellation, executor);
  }

  /**
   * Answers {@code question} within the budget, handing {@code handler} the final answer's tokens
   * as a {@link dev.langchain4j.model.chat.StreamingChatModel} streams them (see {@link
   * AgentBuilder#model(String, dev.langchain4j.model.chat.StreamingChatModel)}), each tool call as
   * it starts, every step event and, at the end, the result, which it also returns. Reservations,
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
    return runner.run(
        question, cancellation, null, new AgentRun.Turn(null, null, List.of(), handler), null);
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

  /** One turn of {@code conversation}: a run charged to its ledger, with what it has left. */
  RunResult turn(
      String question,
      Ledger conversation,
      Budget left,
      List<dev.langchain4j.data.message.ChatMessage> history,
      dev.frugal.core.stream.RunStreamHandler handler,
      Cancellation cancellation) {
    return runner.run(
        question,
        cancellation,
        null,
        new AgentRun.Turn(conversation, left, history, handler),
        null);
  }

  private RunResult run(
      String question, Cancellation cancellation, StructuredAnswer<?> structured) {
    return runner.run(question, cancellation, structured, null, null);
  }

  /**
   * Answers each of {@code questions} within this agent's budget per question and, all together,
   * within {@code batchBudget}: the runs' ledgers are children of one batch ledger enforcing it, so
   * no run (nor all of them at once) can spend beyond it, whatever runs concurrently. A strategy
   * that spends only what a question needs ({@link dev.frugal.core.strategy.Pets}) leaves the rest
   * of the batch to the harder questions (docs/extras.md, section "PETS"). With an {@link
   * AgentBuilder#executor executor} the questions run at once on it, else one after another; the
   * results come back in the order of the questions. A run the batch budget refuses ends like a run
   * whose own budget is spent. With shared budgets the batch ledger also draws on the scopes, but a
   * run of a batch does not keep its final-answer reserve in them ahead of its working calls.
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
    return runner.all(questions, batchBudget, executor);
  }

  private Map<String, dev.frugal.core.budget.ToolPrice> collectToolPrices() {
    Map<String, dev.frugal.core.budget.ToolPrice> out = new java.util.TreeMap<>();
    for (String t : tools.names()) out.put(t, prices.toolPrice(t));
    return Collections.unmodifiableMap(out);
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

  /** Whether model and tool calls run on worker threads; see {@link AgentBuilder#isolateCalls}. */
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
}
