package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.intercept.Sleeper;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link Agent}. A model (or a selector), its prices and a budget are required: a runtime
 * for budgets has no default budget, so an uncapped agent is an explicit choice ({@code
 * budget(Budget.unlimited())}). Everything else has a default: no tools, ReAct, the Budget Tracker
 * on, 30 steps, 1,024 output tokens per call, a 10% final-answer reserve, 3 attempts per model
 * call. Each setting is checked when set and may be set once; {@link #build()} checks that every
 * cap names a tool or model the agent has.
 */
public final class AgentBuilder {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Agent.class);

  ModelSelector selector;
  private ToolRegistry tools;
  private final ToolRegistry.Builder registry = ToolRegistry.builder();
  private boolean registryUsed;
  Budget budget;
  ToolRegistry builtTools;
  PriceTable prices;
  Strategy strategy;
  private String systemPrompt;
  BudgetTracker tracker = BudgetTracker.withDefaults();
  private boolean trackerSet;
  int maxSteps = 30;
  int maxOutputTokens = 1024;
  int minOutputTokens = 16;
  double answerReserve = 0.10;
  final List<RunListener> listeners = new ArrayList<>();
  final List<ModelInterceptor> modelInterceptors = new ArrayList<>();
  final List<ToolInterceptor> toolInterceptors = new ArrayList<>();
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  Sleeper sleeper = Sleeper.system();
  BatchOverrun batchOverrun = BatchOverrun.REFUSE_WHOLE;
  SharedBudgets shared;
  java.util.concurrent.Executor executor;
  Duration modelTimeout = Agent.DEFAULT_MODEL_TIMEOUT;
  Duration toolTimeout = Agent.DEFAULT_TOOL_TIMEOUT;
  boolean isolateCalls;
  final Map<String, Duration> toolTimeouts = new LinkedHashMap<>();
  final Map<String, TokenCounter> tokenCounters = new java.util.HashMap<>();
  private final java.util.Set<String> set = new java.util.HashSet<>();

  AgentBuilder() {}

  /** The one model of this agent, priced and capped under {@code name}. */
  public AgentBuilder model(String name, ChatModel model) {
    return modelSelector(ModelSelector.fixed(new NamedModel(name, model)));
  }

  /**
   * The one model of this agent, a streaming one (OpenAI-compatible, Anthropic, ...): {@link
   * Agent#runStreaming} hands its answer tokens out as they come; {@link Agent#run} waits for the
   * whole reply. Both reserve and settle as for a blocking model.
   */
  public AgentBuilder model(String name, dev.langchain4j.model.chat.StreamingChatModel model) {
    java.util.Objects.requireNonNull(model, "model");
    return model(name, new dev.frugal.core.stream.StreamingModel(model));
  }

  /**
   * The system prompt of the default strategy (ReAct); the Budget Tracker's section is still
   * appended when the tracker is on. To give another strategy a prompt, set it on that strategy's
   * builder: with {@link #strategy} also set, {@link #build()} fails.
   */
  public AgentBuilder systemPrompt(String prompt) {
    once("systemPrompt");
    if (prompt == null || prompt.isBlank()) {
      throw new IllegalArgumentException("systemPrompt must not be blank");
    }
    this.systemPrompt = prompt;
    return this;
  }

  /** Picks the model for every call (e.g. a small/large router). */
  public AgentBuilder modelSelector(ModelSelector selector) {
    once("model / modelSelector");
    this.selector = java.util.Objects.requireNonNull(selector, "selector");
    return this;
  }

  /** The tools, as a built registry; cannot be combined with {@link #tool}/{@link #toolsFrom}. */
  public AgentBuilder tools(ToolRegistry tools) {
    once("tools");
    if (registryUsed)
      throw new IllegalStateException(
          "tools(registry) cannot be combined with tool(...)/toolsFrom(...)");
    this.tools = java.util.Objects.requireNonNull(tools, "tools");
    return this;
  }

  /** Adds one tool. */
  public AgentBuilder tool(Tool tool) {
    if (tools != null)
      throw new IllegalStateException("tool(...) cannot be combined with tools(registry)");
    registryUsed = true;
    registry.add(tool);
    return this;
  }

  /** Adds every LangChain4j {@code @Tool} method of {@code target}, one unit per call. */
  public AgentBuilder toolsFrom(Object target) {
    if (tools != null)
      throw new IllegalStateException("toolsFrom(...) cannot be combined with tools(registry)");
    registryUsed = true;
    registry.annotated(target);
    return this;
  }

  /**
   * The caps no run may exceed; required. Use {@link Budget#unlimited()} to run without caps (up to
   * {@link #maxSteps}). Every tool and model a cap names must be one this agent has.
   */
  public AgentBuilder budget(Budget budget) {
    once("budget");
    this.budget = java.util.Objects.requireNonNull(budget, "budget");
    return this;
  }

  /** Prices for every model the agent may call; required. */
  public AgentBuilder prices(PriceTable prices) {
    once("prices");
    this.prices = java.util.Objects.requireNonNull(prices, "prices");
    return this;
  }

  /** The strategy; ReAct unless set. */
  public AgentBuilder strategy(Strategy strategy) {
    once("strategy");
    this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /** Turns the default Budget Tracker on or off. */
  public AgentBuilder budgetTracker(boolean on) {
    once("budgetTracker");
    this.tracker = on ? BudgetTracker.withDefaults() : null;
    return this;
  }

  /** Uses this Budget Tracker (e.g. with other thresholds). */
  public AgentBuilder budgetTracker(BudgetTracker tracker) {
    once("budgetTracker");
    this.tracker = java.util.Objects.requireNonNull(tracker, "tracker");
    return this;
  }

  /** The most steps a run may take (at least 1); 30 unless set. */
  public AgentBuilder maxSteps(int maxSteps) {
    once("maxSteps");
    if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    this.maxSteps = maxSteps;
    return this;
  }

  /**
   * Output tokens requested per model call when the request sets none (lowered further when the
   * budget cannot pay for them). Default 1,024.
   */
  public AgentBuilder maxOutputTokens(int tokens) {
    once("maxOutputTokens");
    if (tokens < 1)
      throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + tokens);
    this.maxOutputTokens = tokens;
    return this;
  }

  /** Below this many affordable output tokens a call is refused rather than made. Default 16. */
  public AgentBuilder minOutputTokens(int tokens) {
    once("minOutputTokens");
    if (tokens < 1)
      throw new IllegalArgumentException("minOutputTokens must be >= 1, got " + tokens);
    this.minOutputTokens = tokens;
    return this;
  }

  /**
   * The share of every token and dollar cap kept back to force a final answer, in [0, 0.5]; default
   * 0.10. A positive reserve also keeps back one call of every model-call cap above 1.
   */
  public AgentBuilder answerReserve(double fraction) {
    once("answerReserve");
    if (!(fraction >= 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException("answerReserve must be in [0, 0.5], got " + fraction);
    }
    this.answerReserve = fraction;
    return this;
  }

  /** Adds a listener that receives every event of every run. */
  public AgentBuilder listener(RunListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds a model interceptor; the first added is the outermost. */
  public AgentBuilder modelInterceptor(ModelInterceptor interceptor) {
    modelInterceptors.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /** Adds a tool interceptor; the first added is the outermost. */
  public AgentBuilder toolInterceptor(ToolInterceptor interceptor) {
    toolInterceptors.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /** How failed model calls are retried; {@link RetryPolicy#defaults()} unless set. */
  public AgentBuilder retryPolicy(RetryPolicy policy) {
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
  public AgentBuilder modelTimeout(Duration timeout) {
    once("modelTimeout");
    this.modelTimeout = positive("modelTimeout", timeout);
    return this;
  }

  /**
   * The most one tool call may take unless the tool's own setting or the tool itself ({@link
   * Tool#timeout}) says otherwise; default 2 minutes. A call still running then is interrupted and
   * the model gets a tool error naming the timeout.
   */
  public AgentBuilder toolTimeout(Duration timeout) {
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
   * thread of a shared daemon pool and the run stops waiting at the deadline even for such a call,
   * which keeps running until it ends; its reservation is settled or released then. That costs two
   * thread wake-ups per call (about 25 us each on a small VM): nothing next to a real model's
   * latency, a lot next to an in-process tool. Turn it on for tools or clients you do not trust to
   * honour interrupts; the {@code ./frugal} CLI does.
   */
  public AgentBuilder isolateCalls(boolean isolate) {
    once("isolateCalls");
    this.isolateCalls = isolate;
    return this;
  }

  /** The timeout of one tool's calls (the tool must be one of the agent's; checked at build). */
  public AgentBuilder toolTimeout(String tool, Duration timeout) {
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
  public AgentBuilder tokenCounter(String model, TokenCounter counter) {
    java.util.Objects.requireNonNull(model, "model");
    java.util.Objects.requireNonNull(counter, "counter");
    if (tokenCounters.put(model, counter) != null) {
      throw new IllegalStateException("tokenCounter(\"" + model + "\", ...) was already set");
    }
    return this;
  }

  /** How retries wait; tests inject one that does not sleep. */
  public AgentBuilder sleeper(Sleeper sleeper) {
    once("sleeper");
    this.sleeper = java.util.Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * What happens to a call charged per array element (e.g. a search with several queries) that
   * would overrun its tool's cap: {@link BatchOverrun#REFUSE_WHOLE} (the default) or {@link
   * BatchOverrun#TRUNCATE} (run the first elements the units left can pay for, and say which).
   */
  public AgentBuilder batchOverrun(BatchOverrun policy) {
    once("batchOverrun");
    this.batchOverrun = java.util.Objects.requireNonNull(policy, "batchOverrun");
    return this;
  }

  /**
   * Shared scopes (a tenant's daily cap, a team's monthly cap) every run also draws from, kept in a
   * {@link dev.frugal.core.budget.BudgetStore}: in-process or Redis ({@code budget-redis}). Each
   * run holds its final-answer reserve ({@link #answerReserve}) in them from its start, so a run
   * the scopes cannot keep it for is refused before it spends anything, and one that spends can
   * still answer; see {@link SharedBudgets} for waiting for room.
   */
  public AgentBuilder sharedBudgets(SharedBudgets shared) {
    once("sharedBudgets");
    this.shared = java.util.Objects.requireNonNull(shared, "shared");
    return this;
  }

  /**
   * Runs independent work of a run at the same time on {@code executor}, e.g. a virtual-thread
   * executor on Java 21+: the samples of {@link dev.frugal.core.strategy.ParallelMajority}, and the
   * tool calls of one model turn that asks for several (in ReAct, in every BATS attempt and in
   * every BAVT expansion), whose results still reach the conversation in the model's order. BATS
   * attempts and BAVT expansions themselves stay sequential: each depends on what the earlier ones
   * found. Unset, everything runs one after another on the run's thread. The agent never shuts it
   * down; tools and tool interceptors must be thread-safe.
   */
  public AgentBuilder executor(java.util.concurrent.Executor executor) {
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
