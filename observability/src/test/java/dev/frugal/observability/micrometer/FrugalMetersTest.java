package dev.frugal.observability.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.observability.Lookup;
import dev.frugal.observability.SimulatedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrugalMetersTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1, 2)).tool("lookup", 0.001).build();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  double count(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void spendTokensUnitsLatencyAndRunsAreCountedByModelToolAndStopReason() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTransientFailure()
            .thenTools("lookup", "{\"word\": \"a\"}", "{\"word\": \"b\"}")
            .thenAnswer("done");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(new Lookup())
            .budget(Budget.builder().toolUnits("lookup", 1).build())
            .listener(new FrugalMeters(registry))
            .sleeper(d -> {})
            .build()
            .run("q?");

    assertThat(count(FrugalMeters.SPEND, "kind", "model", "name", "m"))
        .isEqualTo(r.usdByModel().get("m"), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(count(FrugalMeters.SPEND, "kind", "tool", "name", "lookup")).isEqualTo(0.001);
    assertThat(count(FrugalMeters.TOKENS, "model", "m", "type", "input"))
        .isEqualTo(r.inputTokens());
    assertThat(count(FrugalMeters.TOKENS, "model", "m", "type", "output"))
        .isEqualTo(r.outputTokens());
    assertThat(count(FrugalMeters.TOOL_UNITS, "tool", "lookup")).isEqualTo(1);
    assertThat(count(FrugalMeters.RETRIES, "model", "m")).isEqualTo(1);
    assertThat(count(FrugalMeters.REFUSALS, "cap", "tool units of 'lookup'", "what", "tool"))
        .isEqualTo(1);
    assertThat(count(FrugalMeters.TOOL_CALLS, "tool", "lookup", "outcome", "ok")).isEqualTo(1);
    // the one unit is spent after the first call, so the run ends on the exhausted tool
    assertThat(r.stopReason().describe()).isEqualTo("budget exhausted: tool units of 'lookup'");
    assertThat(
            count(
                FrugalMeters.RUNS, "stop_reason", "budget exhausted", "strategy", "react+tracker"))
        .isEqualTo(1);
    var modelTimer = registry.find(FrugalMeters.MODEL_LATENCY).tag("model", "m").timer();
    assertThat(modelTimer).isNotNull();
    assertThat(modelTimer.count()).isEqualTo(2); // the failed attempt is not a charged call
    var toolTimer = registry.find(FrugalMeters.TOOL_LATENCY).tag("tool", "lookup").timer();
    assertThat(toolTimer.count()).isEqualTo(1);
    assertThat(toolTimer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(0);
  }

  @Test
  void cacheHitsAreCountedPerTool() {
    // an interceptor that answers every second identical-word call itself, as a cache does
    ToolInterceptor cache =
        chain ->
            chain.invocation().call().string("word").equals("b")
                ? ToolResult.ok("about b (remembered)").servedBy("cached")
                : chain.proceed(chain.invocation());
    Agent.builder()
        .budget(Budget.unlimited())
        .model(
            "m",
            new SimulatedChatModel()
                .thenTools("lookup", "{\"word\": \"a\"}", "{\"word\": \"b\"}")
                .thenAnswer("done"))
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .toolInterceptor(cache)
        .listener(new FrugalMeters(registry))
        .build()
        .run("q?");
    assertThat(count(FrugalMeters.CACHE_HITS, "tool", "lookup")).isEqualTo(1);
    assertThat(count(FrugalMeters.TOOL_CALLS, "tool", "lookup", "outcome", "cached")).isEqualTo(1);
    assertThat(count(FrugalMeters.TOOL_UNITS, "tool", "lookup")).isEqualTo(1);
  }

  @Test
  void runsAreTaggedByTheKindOfStopReasonWithoutItsDetails() {
    assertThat(FrugalMeters.stopKind("budget exhausted: tool units of 'search'"))
        .isEqualTo("budget exhausted");
    assertThat(FrugalMeters.stopKind("max steps reached (30)")).isEqualTo("max steps reached");
    assertThat(FrugalMeters.stopKind("answered")).isEqualTo("answered");
    assertThat(FrugalMeters.stopKind(null)).isEqualTo("unknown");
  }
}
