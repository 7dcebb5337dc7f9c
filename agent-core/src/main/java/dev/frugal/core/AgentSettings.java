package dev.frugal.core;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.engine.RunSettings;
import dev.frugal.core.engine.TokenEstimate;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.intercept.Sleeper;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * An agent's configuration as its runs' engine reads it ({@link RunSettings}), with what the engine
 * derives once per agent instead of once per run: the tools a model is offered, the tracker's unit
 * labels and its last system-prompt section, and token counts of tool specifications and system
 * prompts. Package-private: the engine's needs stay out of {@link Agent}'s public API.
 */
final class AgentSettings implements RunSettings {
  private final Agent agent;
  private final int maxOutputTokens;
  private final int minOutputTokens;
  private final List<ModelInterceptor> modelInterceptors;
  private final List<ToolInterceptor> toolInterceptors;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Map<String, Duration> toolTimeouts;
  private final Map<String, String> unitLabels;
  private final List<ToolSpecification> offeredTools;
  // counts of the tools' specifications by token counter, by identity: computed once per counter
  private final Map<TokenCounter, Map<ToolSpecification, Long>> specificationTokens =
      new ConcurrentHashMap<>();
  // counts of system prompts by token counter, by text
  private final Map<TokenCounter, TokenEstimate.TextCounts> systemTexts = new ConcurrentHashMap<>();
  private volatile TrackerText lastSection; // a cache: racing runs may each build their own

  AgentSettings(
      Agent agent,
      int maxOutputTokens,
      int minOutputTokens,
      List<ModelInterceptor> modelInterceptors,
      List<ToolInterceptor> toolInterceptors,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Map<String, Duration> toolTimeouts) {
    this.agent = agent;
    this.maxOutputTokens = maxOutputTokens;
    this.minOutputTokens = minOutputTokens;
    this.modelInterceptors = modelInterceptors;
    this.toolInterceptors = toolInterceptors;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.toolTimeouts = toolTimeouts;
    ToolRegistry tools = agent.tools();
    Map<String, String> labels = new HashMap<>();
    for (String t : tools.names()) labels.put(t, labelOf(t));
    this.unitLabels = Map.copyOf(labels);
    List<ToolSpecification> offered = new ArrayList<>();
    for (ToolSpecification spec : tools.specifications()) {
      if (agent.budget().limit(new Cap.ToolUnits(spec.name())).orElse(1) != 0) offered.add(spec);
    }
    this.offeredTools = List.copyOf(offered);
  }

  @Override
  public ToolRegistry tools() {
    return agent.tools();
  }

  @Override
  public PriceTable prices() {
    return agent.prices();
  }

  @Override
  public Optional<BudgetTracker> tracker() {
    return agent.tracker();
  }

  @Override
  public int maxSteps() {
    return agent.maxSteps();
  }

  @Override
  public ModelSelector selector() {
    return agent.selector();
  }

  @Override
  public Optional<Executor> executor() {
    return agent.executor();
  }

  @Override
  public int maxOutputTokens() {
    return maxOutputTokens;
  }

  @Override
  public int minOutputTokens() {
    return minOutputTokens;
  }

  @Override
  public List<ModelInterceptor> modelInterceptors() {
    return modelInterceptors;
  }

  @Override
  public List<ToolInterceptor> toolInterceptors() {
    return toolInterceptors;
  }

  @Override
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  @Override
  public Duration modelTimeout() {
    return agent.modelTimeout();
  }

  @Override
  public boolean isolateCalls() {
    return agent.isolateCalls();
  }

  @Override
  public Duration toolTimeout(String tool) {
    return agent.toolTimeout(tool);
  }

  @Override
  public String toolTimeoutSource(String tool) {
    return toolTimeouts.containsKey(tool)
        ? "toolTimeout(\"" + tool + "\", ...)"
        : "the default toolTimeout";
  }

  @Override
  public BatchOverrun batchOverrun() {
    return agent.batchOverrun();
  }

  @Override
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public TokenCounter tokenCounter(String model) {
    return agent.tokenCounter(model);
  }

  /** Counted once for all runs instead of once per run. */
  @Override
  public Map<ToolSpecification, Long> specificationTokens(TokenCounter counter) {
    return specificationTokens.computeIfAbsent(
        counter,
        c -> {
          Map<ToolSpecification, Long> counts = new java.util.IdentityHashMap<>();
          for (ToolSpecification spec : agent.tools().specifications()) {
            counts.put(spec, TokenEstimate.specification(spec, c));
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** Every tool except those the budget caps at 0 units. */
  @Override
  public List<ToolSpecification> offeredTools() {
    return offeredTools;
  }

  /** The tool's unit rule's label, else its name capitalised. */
  @Override
  public String unitLabel(String tool) {
    String label = unitLabels.get(tool);
    return label != null ? label : labelOf(tool);
  }

  private String labelOf(String tool) {
    String label =
        agent
            .tools()
            .find(tool)
            .map(t -> t.unitRule().unitLabel())
            .filter(s -> !s.isBlank())
            .orElse(null);
    if (label != null) return label;
    return tool.isEmpty() ? tool : Character.toUpperCase(tool.charAt(0)) + tool.substring(1);
  }

  /**
   * The last section built when the view is the same (every run starts from the same empty ledger,
   * so runs usually open with the same section). The section is a function of the view, the tracker
   * and the unit labels, and the last two are this agent's.
   */
  @Override
  public String trackerSection(BudgetTracker t, LedgerSnapshot view) {
    TrackerText last = lastSection;
    if (last != null && last.tracker == t && last.view.equals(view)) return last.text;
    String text = t.systemPromptSection(view, this::unitLabel);
    lastSection = new TrackerText(t, view, text);
    return text;
  }

  private record TrackerText(BudgetTracker tracker, LedgerSnapshot view, String text) {}

  @Override
  public TokenEstimate.TextCounts systemTexts(TokenCounter counter) {
    return systemTexts.computeIfAbsent(counter, c -> new TokenEstimate.TextCounts());
  }
}
