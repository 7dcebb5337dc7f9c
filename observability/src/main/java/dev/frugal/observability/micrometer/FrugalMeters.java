package dev.frugal.observability.micrometer;

import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link RunListener} that records a run's events as Micrometer meters. Tags hold only bounded
 * values (model and tool names, cap descriptions, outcome and stop-reason kinds), never questions
 * or arguments.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #SPEND}</td><td>counter (USD)</td><td>kind=model|tool, name</td></tr>
 *   <tr><td>{@value #TOKENS}</td><td>counter</td><td>model, type=input|output|cached_input</td></tr>
 *   <tr><td>{@value #TOOL_UNITS}</td><td>counter</td><td>tool</td></tr>
 *   <tr><td>{@value #RUNS}</td><td>counter</td><td>stop_reason, strategy</td></tr>
 *   <tr><td>{@value #REFUSALS}</td><td>counter</td><td>cap, what=model|tool|final answer</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>model</td></tr>
 *   <tr><td>{@value #TOOL_CALLS}</td><td>counter</td><td>tool, outcome=ok|error|repeat|cached</td></tr>
 *   <tr><td>{@value #CACHE_HITS}</td><td>counter</td><td>tool</td></tr>
 *   <tr><td>{@value #MODEL_LATENCY}</td><td>timer</td><td>model</td></tr>
 *   <tr><td>{@value #TOOL_LATENCY}</td><td>timer</td><td>tool</td></tr>
 * </table>
 */
public final class FrugalMeters implements RunListener {
  public static final String SPEND = "frugal.spend.usd";
  public static final String TOKENS = "frugal.tokens";
  public static final String TOOL_UNITS = "frugal.tool.units";
  public static final String RUNS = "frugal.runs";
  public static final String REFUSALS = "frugal.refusals";
  public static final String RETRIES = "frugal.model.retries";
  public static final String TOOL_CALLS = "frugal.tool.calls";
  public static final String CACHE_HITS = "frugal.cache.hits";
  public static final String MODEL_LATENCY = "frugal.model.latency";
  public static final String TOOL_LATENCY = "frugal.tool.latency";

  private final MeterRegistry registry;
  // the strategy of each run in flight, for the runs counter
  private final java.util.Map<String, String> strategies =
      new java.util.concurrent.ConcurrentHashMap<>();

  public FrugalMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.RunStarted s) {
      strategies.put(s.runId(), s.strategy() == null ? "unknown" : s.strategy());
    } else if (event instanceof RunEvent.ModelCalled m) {
      counter(SPEND, "kind", "model", "name", m.model()).increment(m.usd());
      counter(TOKENS, "model", m.model(), "type", "input").increment(m.inputTokens());
      counter(TOKENS, "model", m.model(), "type", "output").increment(m.outputTokens());
      counter(TOKENS, "model", m.model(), "type", "cached_input").increment(m.cachedInputTokens());
      Timer.builder(MODEL_LATENCY)
          .description("Duration of charged model calls")
          .tag("model", m.model())
          .register(registry)
          .record(Duration.ofMillis(m.millis()));
    } else if (event instanceof RunEvent.ModelFailed f) {
      if (f.retrying()) counter(RETRIES, "model", f.model()).increment();
    } else if (event instanceof RunEvent.ToolCalled t) {
      counter(TOOL_CALLS, "tool", t.tool(), "outcome", t.outcome()).increment();
      if ("cached".equals(t.outcome())) counter(CACHE_HITS, "tool", t.tool()).increment();
      if ("ok".equals(t.outcome())) {
        counter(SPEND, "kind", "tool", "name", t.tool()).increment(t.usd());
        counter(TOOL_UNITS, "tool", t.tool()).increment(t.units());
        Timer.builder(TOOL_LATENCY)
            .description("Duration of tool calls that ran")
            .tag("tool", t.tool())
            .register(registry)
            .record(Duration.ofMillis(t.millis()));
      }
    } else if (event instanceof RunEvent.Refused r) {
      counter(REFUSALS, "cap", String.valueOf(r.cap()), "what", what(r.what())).increment();
    } else if (event instanceof RunEvent.RunFinished f) {
      String strategy = strategies.remove(f.runId());
      counter(
              RUNS,
              "stop_reason",
              stopKind(f.stopReason()),
              "strategy",
              strategy == null ? "unknown" : strategy)
          .increment();
    }
  }

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(tags).register(registry);
  }

  /** {@code model}, {@code tool} or {@code final answer} from a refusal's {@code what}. */
  static String what(String what) {
    if (what == null) return "unknown";
    if (what.startsWith("model ")) return "model";
    if (what.startsWith("tool ")) return "tool";
    return what;
  }

  /**
   * The kind of a stop reason, without its details: {@code budget exhausted: USD} becomes {@code
   * budget exhausted}, {@code max steps reached (30)} becomes {@code max steps reached}.
   */
  static String stopKind(String reason) {
    if (reason == null || reason.isBlank()) return "unknown";
    int cut = reason.length();
    int colon = reason.indexOf(':');
    int paren = reason.indexOf(" (");
    if (colon >= 0) cut = Math.min(cut, colon);
    if (paren >= 0) cut = Math.min(cut, paren);
    return reason.substring(0, cut).trim();
  }
}
