package dev.frugal.core.engine;

import dev.frugal.core.ModelSelector;
import dev.frugal.core.TokenCounter;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.intercept.Sleeper;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a run reads of its agent's configuration. The agent implements it privately, so that the
 * engine sees its settings without them widening the agent's public API (see {@code
 * docs/architecture.md}, "The front door and the engine").
 */
public interface RunSettings {
  /** The agent's tools. */
  ToolRegistry tools();

  /** The agent's prices. */
  PriceTable prices();

  /** The Budget Tracker, when the agent has one. */
  Optional<BudgetTracker> tracker();

  /** The step limit of one run. */
  int maxSteps();

  /** Chooses the model of each call. */
  ModelSelector selector();

  /** Where parallel strategies run their branches; empty when sequential. */
  Optional<Executor> executor();

  /** The output tokens reserved for a request that does not set its own. */
  int maxOutputTokens();

  /** The fewest output tokens worth calling a model for. */
  int minOutputTokens();

  /** Interceptors around each model call, outermost first. */
  List<ModelInterceptor> modelInterceptors();

  /** Interceptors around each tool call, outermost first. */
  List<ToolInterceptor> toolInterceptors();

  /** How failed model calls are retried. */
  RetryPolicy retryPolicy();

  /** The most one model call may take, all its attempts and waits included. */
  Duration modelTimeout();

  /** Whether model and tool calls run on worker threads. */
  boolean isolateCalls();

  /** The most one call of {@code tool} may take unless the tool says otherwise for the call. */
  Duration toolTimeout(String tool);

  /** Where {@link #toolTimeout(String)} comes from, as a setting name for messages. */
  String toolTimeoutSource(String tool);

  /** What happens when a batch of tool calls does not fit the budget. */
  BatchOverrun batchOverrun();

  /** How retries wait. */
  Sleeper sleeper();

  /** The counter of {@code model}'s input estimates. */
  TokenCounter tokenCounter(String model);

  /** The input tokens of each tool specification by {@code counter}, by identity (read-only). */
  Map<ToolSpecification, Long> specificationTokens(TokenCounter counter);

  /** The specifications of the tools a model is offered (read-only). */
  List<ToolSpecification> offeredTools();

  /** What one unit of {@code tool} is called in the tracker's texts. */
  String unitLabel(String tool);

  /** The tracker's system prompt section for {@code view}. */
  String trackerSection(BudgetTracker tracker, LedgerSnapshot view);

  /** Token counts of recent system prompts by {@code counter}. */
  TokenEstimate.TextCounts systemTexts(TokenCounter counter);
}
