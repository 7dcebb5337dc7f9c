package dev.frugal.observability.otel;

import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.RunListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RunListener} that emits OpenTelemetry spans for Frugal runs, following the GenAI
 * semantic conventions:
 *
 * <ul>
 *   <li>one {@code invoke_agent frugal} span per run (kind INTERNAL), a child of the span current
 *       when the run started, so a run nests inside the request that caused it;
 *   <li>one {@code chat <model>} span per model call (kind CLIENT), failed attempt or refused call;
 *   <li>one {@code execute_tool <tool>} span per tool call (kind INTERNAL), whatever its outcome;
 *   <li>one span per strategy scope ({@code sample}, {@code attempt}, {@code expand}): calls made
 *       inside a scope are its children, and a BAVT expansion is a child of the expansion that
 *       created the node it expands, so the span tree is the search tree.
 * </ul>
 *
 * <p>Every call span carries Frugal's budget attributes after the call: remaining USD and tool
 * units, the remaining fraction and the Budget Tracker's regime. Prompt and tool contents (the
 * question, the answer, tool arguments) are recorded only with {@link Builder#captureContent}, as
 * the conventions advise. A routing decision reported through {@link #routed} is put on the next
 * model span of the same run and step.
 *
 * <p>Thread-safe: parallel runs and calls from several threads are kept apart by run id and by
 * thread (a scope belongs to the thread that opened it, as in {@code RunContext#scope}).
 */
public final class OtelRunListener implements RunListener {
  /** The instrumentation scope name of the tracer. */
  public static final String INSTRUMENTATION = "dev.frugal";

  private final Tracer tracer;
  private final boolean captureContent;
  private final double high;
  private final double medium;
  private final double low;
  private final Map<String, RunSpans> runs = new ConcurrentHashMap<>();

  private OtelRunListener(Builder b) {
    this.tracer = b.tracer;
    this.captureContent = b.captureContent;
    this.high = b.high;
    this.medium = b.medium;
    this.low = b.low;
  }

  /** A listener with the defaults, tracing through {@code otel}. */
  public static OtelRunListener create(OpenTelemetry otel) {
    return builder(otel).build();
  }

  public static Builder builder(OpenTelemetry otel) {
    Objects.requireNonNull(otel, "otel");
    return new Builder(otel.getTracer(INSTRUMENTATION));
  }

  /**
   * Reports a model router's decision for the next model call of {@code runId} at {@code step}
   * (wire it as a router {@code DecisionListener}: {@code d -> listener.routed(d.runId(), d.step(),
   * d.proposed().name(), d.chosen().name(), d.largeProbability())}).
   */
  public void routed(
      String runId, int step, String proposed, String chosen, double largeProbability) {
    RunSpans run = runs.get(runId);
    if (run == null) return;
    synchronized (run) {
      run.routes.put(step, new Route(proposed, chosen, largeProbability));
    }
  }

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.RunStarted s) {
      started(s);
      return;
    }
    RunSpans run = runs.get(event.runId());
    if (run == null) return; // a run that started before this listener was attached
    synchronized (run) {
      if (event instanceof RunEvent.ModelCalled m) {
        modelCalled(run, m);
      } else if (event instanceof RunEvent.ModelFailed f) {
        modelFailed(run, f);
      } else if (event instanceof RunEvent.ToolCalled t) {
        toolCalled(run, t);
      } else if (event instanceof RunEvent.Refused r) {
        refused(run, r);
      } else if (event instanceof RunEvent.ScopeOpened o) {
        scopeOpened(run, o);
      } else if (event instanceof RunEvent.ScopeClosed c) {
        scopeClosed(run, c);
      } else if (event instanceof RunEvent.AnswerGiven a) {
        if (captureContent && a.answer() != null)
          run.span.setAttribute(SpanKeys.ANSWER, a.answer());
      } else if (event instanceof RunEvent.RunFinished f) {
        finished(run, f);
      } else if (event instanceof RunEvent.Note n) {
        currentSpan(run).addEvent("frugal.note." + n.kind());
      }
    }
  }

  private void started(RunEvent.RunStarted s) {
    Span span =
        tracer
            .spanBuilder("invoke_agent frugal")
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(Context.current())
            .setAttribute(SpanKeys.OPERATION, "invoke_agent")
            .setAttribute(SpanKeys.AGENT_NAME, "frugal")
            .setAttribute(SpanKeys.CONVERSATION_ID, s.runId())
            .setAttribute(SpanKeys.RUN_ID, s.runId())
            .setAttribute(SpanKeys.STRATEGY, s.strategy())
            .startSpan();
    if (captureContent) span.setAttribute(SpanKeys.QUESTION, s.question());
    runs.put(s.runId(), new RunSpans(span, new RunBudget(s.caps(), high, medium, low)));
  }

  private void modelCalled(RunSpans run, RunEvent.ModelCalled m) {
    run.budget.modelCall(m);
    Instant end = Instant.now();
    Span span =
        modelSpan(run, m.model(), m.step(), m.purpose())
            .setStartTimestamp(end.minusMillis(m.millis()))
            .setAttribute(SpanKeys.INPUT_TOKENS, m.inputTokens())
            .setAttribute(SpanKeys.OUTPUT_TOKENS, m.outputTokens())
            .setAttribute(SpanKeys.CACHED_INPUT_TOKENS, m.cachedInputTokens())
            .setAttribute(SpanKeys.COST_USD, m.usd())
            .setAttribute(SpanKeys.ATTEMPT, (long) m.attempt())
            .setAttribute(SpanKeys.CACHE_HIT, m.cachedInputTokens() > 0)
            .startSpan();
    if (m.responseModel() != null) span.setAttribute(SpanKeys.RESPONSE_MODEL, m.responseModel());
    budgetAttributes(run, span, null);
    span.end(end);
  }

  private void modelFailed(RunSpans run, RunEvent.ModelFailed f) {
    Span span =
        modelSpan(run, f.model(), f.step(), null)
            .setAttribute(SpanKeys.ATTEMPT, (long) f.attempt())
            .setAttribute(SpanKeys.RETRYING, f.retrying())
            .setAttribute(SpanKeys.ERROR_TYPE, errorType(f.error()))
            .startSpan();
    span.setStatus(StatusCode.ERROR, f.error());
    budgetAttributes(run, span, null);
    span.end();
  }

  private SpanBuilder modelSpan(RunSpans run, String model, int step, String purpose) {
    SpanBuilder b =
        tracer
            .spanBuilder("chat " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setParent(Context.root().with(currentSpan(run)))
            .setAttribute(SpanKeys.OPERATION, "chat")
            .setAttribute(SpanKeys.REQUEST_MODEL, model)
            .setAttribute(SpanKeys.STEP, (long) step);
    if (purpose != null) b.setAttribute(SpanKeys.PURPOSE, purpose);
    Route route = run.routes.remove(step);
    if (route != null) {
      b.setAttribute(SpanKeys.ROUTER_PROPOSED, route.proposed())
          .setAttribute(SpanKeys.ROUTER_CHOSEN, route.chosen())
          .setAttribute(SpanKeys.ROUTER_LARGE_PROBABILITY, route.largeProbability())
          .setAttribute(SpanKeys.ROUTER_MASKED, !route.proposed().equals(route.chosen()));
    }
    return b;
  }

  private void toolCalled(RunSpans run, RunEvent.ToolCalled t) {
    run.budget.toolCall(t);
    Instant end = Instant.now();
    SpanBuilder b =
        toolSpan(run, t.tool(), t.step())
            .setStartTimestamp(end.minusMillis(t.millis()))
            .setAttribute(SpanKeys.TOOL_UNITS, t.units())
            .setAttribute(SpanKeys.COST_USD, t.usd())
            .setAttribute(SpanKeys.TOOL_OUTCOME, t.outcome())
            .setAttribute(SpanKeys.CACHE_HIT, "cached".equals(t.outcome()));
    if (captureContent && t.arguments() != null) {
      b.setAttribute(SpanKeys.TOOL_CALL_ARGUMENTS, t.arguments());
    }
    Span span = b.startSpan();
    if ("error".equals(t.outcome())) {
      span.setAttribute(SpanKeys.ERROR_TYPE, SpanKeys.ERROR_TOOL);
      span.setStatus(StatusCode.ERROR, t.detail() == null ? "tool error" : t.detail());
    }
    budgetAttributes(run, span, t.tool());
    span.end(end);
  }

  private SpanBuilder toolSpan(RunSpans run, String tool, int step) {
    return tracer
        .spanBuilder("execute_tool " + tool)
        .setSpanKind(SpanKind.INTERNAL)
        .setParent(Context.root().with(currentSpan(run)))
        .setAttribute(SpanKeys.OPERATION, "execute_tool")
        .setAttribute(SpanKeys.TOOL_NAME, tool)
        .setAttribute(SpanKeys.STEP, (long) step);
  }

  private void refused(RunSpans run, RunEvent.Refused r) {
    String what = r.what() == null ? "" : r.what();
    SpanBuilder b;
    String tool = null;
    if (what.startsWith("tool ")) {
      tool = what.substring(5);
      b = toolSpan(run, tool, r.step());
    } else if (what.startsWith("model ")) {
      b = modelSpan(run, what.substring(6), r.step(), null);
    } else {
      b =
          tracer
              .spanBuilder("chat " + what)
              .setSpanKind(SpanKind.CLIENT)
              .setParent(Context.root().with(currentSpan(run)))
              .setAttribute(SpanKeys.OPERATION, "chat")
              .setAttribute(SpanKeys.STEP, (long) r.step());
    }
    Span span =
        b.setAttribute(SpanKeys.ERROR_TYPE, SpanKeys.ERROR_BUDGET_REFUSED)
            .setAttribute(SpanKeys.REFUSED_BY, r.cap())
            .startSpan();
    span.setStatus(StatusCode.ERROR, r.message());
    budgetAttributes(run, span, tool);
    span.end();
  }

  private void scopeOpened(RunSpans run, RunEvent.ScopeOpened o) {
    Span parent = o.parent() == 0 ? run.span : run.scopes.getOrDefault(o.parent(), run.span);
    Span span =
        tracer
            .spanBuilder(o.label() == null || o.label().isBlank() ? o.kind() : o.label())
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(Context.root().with(parent))
            .setAttribute(SpanKeys.SCOPE_KIND, o.kind())
            .setAttribute(SpanKeys.SCOPE_ID, (long) o.scope())
            .setAttribute(SpanKeys.STEP, (long) o.step())
            .startSpan();
    run.scopes.put(o.scope(), span);
    run.openOn.computeIfAbsent(Thread.currentThread(), t -> new ArrayDeque<>()).addLast(o.scope());
  }

  private void scopeClosed(RunSpans run, RunEvent.ScopeClosed c) {
    Span span = run.scopes.get(c.scope());
    if (span == null) return;
    budgetAttributes(run, span, null);
    span.end();
    for (Deque<Integer> open : run.openOn.values()) open.removeLastOccurrence(c.scope());
    // Closed scopes stay in the map: a later scope may name one as its parent (a tree branch).
  }

  private void finished(RunSpans run, RunEvent.RunFinished f) {
    Span span = run.span;
    span.setAttribute(SpanKeys.STOP_REASON, f.stopReason())
        .setAttribute(SpanKeys.COST_USD, f.usd())
        .setAttribute(SpanKeys.INPUT_TOKENS, f.inputTokens())
        .setAttribute(SpanKeys.OUTPUT_TOKENS, f.outputTokens())
        .setAttribute(SpanKeys.STEPS, (long) f.steps());
    run.budget.remainingByKey().forEach((k, v) -> span.setAttribute(SpanKeys.remaining(k), v));
    budgetAttributes(run, span, null);
    if (f.stopReason() != null && f.stopReason().startsWith("model failure")) {
      span.setAttribute(SpanKeys.ERROR_TYPE, "frugal.model_failure");
      span.setStatus(StatusCode.ERROR, f.stopReason());
    }
    for (Map.Entry<Thread, Deque<Integer>> e : run.openOn.entrySet()) {
      for (Integer id : e.getValue()) run.scopes.get(id).end(); // left open by a failure
    }
    span.end();
    runs.remove(f.runId());
  }

  private void budgetAttributes(RunSpans run, Span span, String tool) {
    run.budget.remainingUsd().ifPresent(v -> span.setAttribute(SpanKeys.REMAINING_USD, v));
    if (tool != null) {
      run.budget
          .remainingToolUnits(tool)
          .ifPresent(v -> span.setAttribute(SpanKeys.REMAINING_TOOL_UNITS, (long) v));
    }
    run.budget
        .remainingFraction()
        .ifPresent(v -> span.setAttribute(SpanKeys.REMAINING_FRACTION, v));
    span.setAttribute(SpanKeys.REGIME, run.budget.regime().name());
  }

  /** The innermost scope this thread has open in the run, or the run's span. */
  private static Span currentSpan(RunSpans run) {
    Deque<Integer> open = run.openOn.get(Thread.currentThread());
    Integer id = open == null ? null : open.peekLast();
    return id == null ? run.span : run.scopes.get(id);
  }

  /** The exception's simple class name from a failure text such as {@code "IOException: ..."}. */
  static String errorType(String error) {
    if (error == null) return "_OTHER";
    int colon = error.indexOf(':');
    String head = colon < 0 ? error : error.substring(0, colon);
    return head.isBlank() || head.contains(" ") ? "_OTHER" : head;
  }

  private record Route(String proposed, String chosen, double largeProbability) {}

  /** One run's spans; guarded by its own monitor. */
  private static final class RunSpans {
    final Span span;
    final RunBudget budget;
    final Map<Integer, Span> scopes = new HashMap<>();
    final Map<Thread, Deque<Integer>> openOn = new HashMap<>();
    final Map<Integer, Route> routes = new HashMap<>();

    RunSpans(Span span, RunBudget budget) {
      this.span = span;
      this.budget = budget;
    }
  }

  /** Builds an {@link OtelRunListener}; every setting is checked when set. */
  public static final class Builder {
    private final Tracer tracer;
    private boolean captureContent;
    private double high = 0.7;
    private double medium = 0.3;
    private double low = 0.1;

    private Builder(Tracer tracer) {
      this.tracer = tracer;
    }

    /**
     * Records the question, the answer and tool arguments on the spans (off by default: they may
     * hold personal data).
     */
    public Builder captureContent(boolean capture) {
      this.captureContent = capture;
      return this;
    }

    /**
     * The remaining fractions at which the regime attribute turns MEDIUM, LOW and CRITICAL; set
     * them to the agent's Budget Tracker thresholds (default 0.7, 0.3, 0.1).
     */
    public Builder regimeThresholds(double high, double medium, double low) {
      if (!(1 >= high && high > medium && medium > low && low > 0)) {
        throw new IllegalArgumentException(
            "regimeThresholds must satisfy 1 >= high > medium > low > 0, got "
                + high
                + ", "
                + medium
                + ", "
                + low);
      }
      this.high = high;
      this.medium = medium;
      this.low = low;
      return this;
    }

    public OtelRunListener build() {
      return new OtelRunListener(this);
    }
  }
}
