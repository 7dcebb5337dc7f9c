package dev.frugal.observability.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunResult;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.engine.RunScope;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.strategy.ParallelMajority;
import dev.frugal.observability.Lookup;
import dev.frugal.observability.SimulatedChatModel;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelRunListenerTest {
  static final PriceTable PRICES =
      PriceTable.builder()
          .model("m", ModelPrice.of(1, 2)) // $1 / $2 per million tokens
          .build();

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();

  @AfterEach
  void close() {
    otel.close();
  }

  AgentBuilder agent(SimulatedChatModel model, OtelRunListener listener) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .listener(listener)
        .sleeper(d -> {});
  }

  SpanData named(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
  }

  List<SpanData> all(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  List<String> names() {
    return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
  }

  @Test
  void aReActRunIsOneAgentSpanWithAChatSpanPerModelCallAndAToolSpanPerToolCall() {
    SimulatedChatModel model =
        new SimulatedChatModel().thenTool("lookup", "{\"word\": \"paris\"}").thenAnswer("Paris");
    RunResult r =
        agent(model, OtelRunListener.create(otel))
            .budget(Budget.builder().toolUnits("lookup", 4).usd(0.01).build())
            .build()
            .run("Capital of France?");

    assertThat(names())
        .containsExactlyInAnyOrder(
            "chat m", "execute_tool lookup", "chat m", "invoke_agent frugal");
    SpanData run = named("invoke_agent frugal");
    assertThat(run.getParentSpanContext().isValid()).isFalse();
    assertThat(run.getAttributes().get(SpanKeys.OPERATION)).isEqualTo("invoke_agent");
    assertThat(run.getAttributes().get(SpanKeys.RUN_ID)).isEqualTo(r.runId());
    assertThat(run.getAttributes().get(SpanKeys.STRATEGY)).isEqualTo("react+tracker");
    assertThat(run.getAttributes().get(SpanKeys.STOP_REASON)).isEqualTo("answered");
    assertThat(run.getAttributes().get(SpanKeys.INPUT_TOKENS)).isEqualTo(100L);
    assertThat(run.getAttributes().get(SpanKeys.COST_USD)).isEqualTo(r.usd());
    assertThat(run.getAttributes().get(SpanKeys.remaining("tool_units.lookup"))).isEqualTo(3.0);
    // one remaining-dollars attribute, in exact decimal: $0.01 - 2 x $0.00006 - $0.001 (the
    // lookup unit at the default price), not 0.008880000000000001
    assertThat(run.getAttributes().get(SpanKeys.remaining("usd"))).isNull();
    assertThat(String.valueOf(run.getAttributes().get(SpanKeys.REMAINING_USD)))
        .isEqualTo("0.00888");
    // content is off by default
    assertThat(run.getAttributes().get(SpanKeys.QUESTION)).isNull();

    List<SpanData> chats = all("chat m");
    assertThat(chats)
        .allSatisfy(
            c -> {
              assertThat(c.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(c.getParentSpanId()).isEqualTo(run.getSpanId());
              assertThat(c.getTraceId()).isEqualTo(run.getTraceId());
              assertThat(c.getAttributes().get(SpanKeys.OPERATION)).isEqualTo("chat");
              assertThat(c.getAttributes().get(SpanKeys.REQUEST_MODEL)).isEqualTo("m");
              assertThat(c.getAttributes().get(SpanKeys.RESPONSE_MODEL))
                  .isEqualTo("sim-model-2026");
              assertThat(c.getAttributes().get(SpanKeys.INPUT_TOKENS)).isEqualTo(50L);
              assertThat(c.getAttributes().get(SpanKeys.OUTPUT_TOKENS)).isEqualTo(5L);
              // 50 * $1/M + 5 * $2/M
              assertThat(c.getAttributes().get(SpanKeys.COST_USD)).isEqualTo(0.00006);
            });
    // the remaining dollars shrink call by call
    assertThat(chats.get(0).getAttributes().get(SpanKeys.REMAINING_USD))
        .isGreaterThan(chats.get(1).getAttributes().get(SpanKeys.REMAINING_USD));

    SpanData tool = named("execute_tool lookup");
    assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
    assertThat(tool.getAttributes().get(SpanKeys.TOOL_NAME)).isEqualTo("lookup");
    assertThat(tool.getAttributes().get(SpanKeys.OPERATION)).isEqualTo("execute_tool");
    assertThat(tool.getAttributes().get(SpanKeys.TOOL_UNITS)).isEqualTo(1L);
    assertThat(tool.getAttributes().get(SpanKeys.TOOL_OUTCOME)).isEqualTo("ok");
    assertThat(tool.getAttributes().get(SpanKeys.CACHE_HIT)).isFalse();
    assertThat(tool.getAttributes().get(SpanKeys.REMAINING_TOOL_UNITS)).isEqualTo(3L);
    assertThat(tool.getAttributes().get(SpanKeys.REGIME)).isEqualTo("HIGH");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aRefusedCallNamesTheCapAndAnExhaustedToolShowsTheCriticalRegime() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTools("lookup", "{\"word\": \"a\"}", "{\"word\": \"b\"}")
            .thenAnswer("done");
    agent(model, OtelRunListener.create(otel))
        .budget(Budget.builder().toolUnits("lookup", 1).build())
        .build()
        .run("q?");

    List<SpanData> tools = all("execute_tool lookup");
    assertThat(tools).hasSize(2);
    SpanData ok = tools.get(0);
    assertThat(ok.getAttributes().get(SpanKeys.REGIME)).isEqualTo("CRITICAL");
    assertThat(ok.getAttributes().get(SpanKeys.REMAINING_TOOL_UNITS)).isZero();
    SpanData refused = tools.get(1);
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refused.getAttributes().get(SpanKeys.ERROR_TYPE))
        .isEqualTo(SpanKeys.ERROR_BUDGET_REFUSED);
    assertThat(refused.getAttributes().get(SpanKeys.REFUSED_BY))
        .isEqualTo("tool units of 'lookup'");
  }

  @Test
  void toolErrorsAndModelRetriesAreErrorSpansWithTheirTypes() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTransientFailure()
            .thenTool("lookup", "{\"wrd\": \"a\"}")
            .thenAnswer("done");
    agent(model, OtelRunListener.create(otel))
        .budget(Budget.unlimited())
        .retryPolicy(RetryPolicy.defaults())
        .build()
        .run("q?");

    List<SpanData> chats = all("chat m");
    assertThat(chats).hasSize(3);
    SpanData failed = chats.get(0);
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getAttributes().get(SpanKeys.ERROR_TYPE)).isEqualTo("RetriableException");
    assertThat(failed.getAttributes().get(SpanKeys.RETRYING)).isTrue();
    assertThat(chats.get(1).getAttributes().get(SpanKeys.ATTEMPT)).isEqualTo(2L);

    SpanData tool = named("execute_tool lookup");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(tool.getStatus().getDescription()).contains("missing required argument 'word'");
    assertThat(tool.getAttributes().get(SpanKeys.ERROR_TYPE)).isEqualTo(SpanKeys.ERROR_TOOL);
  }

  @Test
  void samplesOfParallelMajorityAreSpansHoldingTheirOwnCalls() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTool("lookup", "{\"word\": \"x\"}")
            .thenAnswer("Paris")
            .thenAnswer("Paris");
    agent(model, OtelRunListener.create(otel))
        .strategy(ParallelMajority.of(2))
        .budget(Budget.builder().toolUnits("lookup", 4).build())
        .build()
        .run("Capital of France?");

    SpanData run = named("invoke_agent frugal");
    SpanData s1 = named("sample 1 of 2");
    SpanData s2 = named("sample 2 of 2");
    assertThat(List.of(s1, s2))
        .allSatisfy(
            s -> {
              assertThat(s.getParentSpanId()).isEqualTo(run.getSpanId());
              assertThat(s.getAttributes().get(SpanKeys.SCOPE_KIND)).isEqualTo("sample");
            });
    assertThat(named("execute_tool lookup").getParentSpanId()).isEqualTo(s1.getSpanId());
    List<SpanData> chats = all("chat m");
    assertThat(chats)
        .extracting(SpanData::getParentSpanId)
        .containsExactly(s1.getSpanId(), s1.getSpanId(), s2.getSpanId());
  }

  /** Opens scopes the way a tree search does, on two threads at once. */
  static final class BranchingStrategy implements Strategy {
    @Override
    public String name() {
      return "branching";
    }

    @Override
    public Outcome run(RunContext ctx) {
      int rootExpansion;
      try (RunScope first = ctx.scope("expand", "expand node 0")) {
        ctx.chat("step", request());
        rootExpansion = first.id();
      }
      // two branches from the node the first expansion created, expanded in parallel
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch bothOpen = new CountDownLatch(2);
      try {
        List<Future<Object>> branches =
            List.of(1, 2).stream()
                .map(
                    i ->
                        pool.submit(
                            () -> {
                              try (RunScope s =
                                  ctx.scope("expand", "expand node " + i, rootExpansion)) {
                                bothOpen.countDown();
                                bothOpen.await(5, TimeUnit.SECONDS);
                                ctx.chat("step", request());
                                ctx.callTool(
                                    ToolExecutionRequest.builder()
                                        .id("t" + i)
                                        .name("lookup")
                                        .arguments("{\"word\": \"w" + i + "\"}")
                                        .build());
                              }
                              return null;
                            }))
                .toList();
        for (Future<Object> f : branches) f.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        pool.shutdownNow();
      }
      return Outcome.answered("done");
    }

    private static ChatRequest request() {
      return ChatRequest.builder().messages(UserMessage.from("go")).build();
    }
  }

  @Test
  void treeBranchesNestUnderTheExpansionThatCreatedThemEvenOnParallelThreads() {
    SimulatedChatModel model = new SimulatedChatModel();
    agent(model, OtelRunListener.create(otel))
        .budget(Budget.unlimited())
        .strategy(new BranchingStrategy())
        .build()
        .run("q?");

    SpanData root = named("expand node 0");
    SpanData b1 = named("expand node 1");
    SpanData b2 = named("expand node 2");
    assertThat(root.getParentSpanId()).isEqualTo(named("invoke_agent frugal").getSpanId());
    assertThat(b1.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(b2.getParentSpanId()).isEqualTo(root.getSpanId());
    // each branch's calls are its own children although both branches were open at once
    for (SpanData branch : List.of(b1, b2)) {
      assertThat(
              exporter.getFinishedSpanItems().stream()
                  .filter(s -> s.getParentSpanId().equals(branch.getSpanId())))
          .extracting(SpanData::getName)
          .containsExactlyInAnyOrder("chat m", "execute_tool lookup");
    }
  }

  @Test
  void toolCallsOfOneTurnRunOnTheExecutorStayInsideTheScopeTheTurnRanIn() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTools("lookup", "{\"word\": \"a\"}", "{\"word\": \"b\"}")
            .thenAnswer("Paris");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      agent(model, OtelRunListener.create(otel))
          .strategy(ParallelMajority.of(1)) // one sample: a scope opened on the run's thread
          .executor(pool)
          .budget(Budget.builder().toolUnits("lookup", 4).build())
          .build()
          .run("q?");
    } finally {
      pool.shutdownNow();
    }

    SpanData sample = named("sample 1 of 1");
    SpanData turn = named("2 tool calls at once");
    assertThat(turn.getParentSpanId()).isEqualTo(sample.getSpanId());
    List<SpanData> calls = List.of(named("call 1 of 2: lookup"), named("call 2 of 2: lookup"));
    assertThat(calls).allSatisfy(c -> assertThat(c.getParentSpanId()).isEqualTo(turn.getSpanId()));
    // each tool span sits in its call's span, whichever thread reported it
    assertThat(all("execute_tool lookup"))
        .extracting(SpanData::getParentSpanId)
        .containsExactlyInAnyOrder(calls.get(0).getSpanId(), calls.get(1).getSpanId());
  }

  @Test
  void aRunNestsInTheCallersSpanAndContentIsRecordedOnlyWhenAsked() {
    OtelRunListener listener = OtelRunListener.builder(otel).captureContent(true).build();
    Span request = otel.getTracer("app").spanBuilder("POST /ask").startSpan();
    try (Scope s = request.makeCurrent()) {
      agent(new SimulatedChatModel().thenAnswer("Paris"), listener)
          .budget(Budget.unlimited())
          .build()
          .run("Capital?");
    } finally {
      request.end();
    }
    SpanData run = named("invoke_agent frugal");
    assertThat(run.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(run.getAttributes().get(SpanKeys.QUESTION)).isEqualTo("Capital?");
    assertThat(run.getAttributes().get(SpanKeys.ANSWER)).isEqualTo("Paris");
  }

  @Test
  void aRouterDecisionIsPutOnTheModelSpanItChose() {
    OtelRunListener listener = OtelRunListener.create(otel);
    SimulatedChatModel model = new SimulatedChatModel().thenAnswer("Paris");
    NamedModel small = new NamedModel("m", model);
    Agent.builder()
        .budget(Budget.unlimited())
        .modelSelector(
            new dev.frugal.core.ModelSelector() {
              @Override
              public NamedModel select(dev.frugal.core.ModelSelection sel) {
                listener.routed(sel.runId(), sel.step(), "LARGE", "SMALL", 0.8);
                return small;
              }

              @Override
              public List<NamedModel> models() {
                return List.of(small);
              }
            })
        .prices(PRICES)
        .listener(listener)
        .build()
        .run("Capital?");
    SpanData chat = named("chat m");
    assertThat(chat.getAttributes().get(SpanKeys.ROUTER_PROPOSED)).isEqualTo("LARGE");
    assertThat(chat.getAttributes().get(SpanKeys.ROUTER_CHOSEN)).isEqualTo("SMALL");
    assertThat(chat.getAttributes().get(SpanKeys.ROUTER_MASKED)).isTrue();
    assertThat(chat.getAttributes().get(SpanKeys.ROUTER_LARGE_PROBABILITY)).isEqualTo(0.8);
  }

  @Test
  void badRegimeThresholdsAreRejectedWithWhatIsValid() {
    assertThatThrownBy(() -> OtelRunListener.builder(otel).regimeThresholds(0.3, 0.7, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 >= high > medium > low > 0")
        .hasMessageContaining("0.3, 0.7, 0.1");
  }
}
