package dev.frugal.observability.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.ParallelMajority;
import dev.frugal.observability.Lookup;
import dev.frugal.observability.SimulatedChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example trace of docs/observability.md, made by a real run and checked line by line. */
class ExampleTraceTest {

  @Test
  void theDocumentedSpanTreeIsWhatARunOfParallelMajorityEmits() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build()) {
      SimulatedChatModel model =
          new SimulatedChatModel()
              .thenTool("lookup", "{\"word\": \"france\"}")
              .thenAnswer("Paris")
              .thenTools("lookup", "{\"word\": \"a\"}", "{\"word\": \"b\"}")
              .thenAnswer("Paris");
      Agent.builder()
          .model("gpt-4o-mini", model)
          .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
          .toolsFrom(new Lookup())
          .strategy(ParallelMajority.of(2))
          .budget(Budget.builder().toolUnits("lookup", 2).usd(0.01).build())
          .listener(OtelRunListener.create(otel))
          .build()
          .run("Capital of France?");

      String tree =
          SpanTreeText.render(
              exporter.getFinishedSpanItems(),
              List.<AttributeKey<?>>of(
                  SpanKeys.STRATEGY,
                  SpanKeys.COST_USD,
                  SpanKeys.STOP_REASON,
                  SpanKeys.INPUT_TOKENS,
                  SpanKeys.OUTPUT_TOKENS,
                  SpanKeys.TOOL_UNITS,
                  SpanKeys.REMAINING_TOOL_UNITS,
                  SpanKeys.REGIME,
                  SpanKeys.REFUSED_BY,
                  SpanKeys.ERROR_TYPE));
      System.out.println(tree);
      assertThat(tree.lines().map(l -> l.replaceAll("  [\\[{].*$", "")))
          .containsExactly(
              "invoke_agent frugal",
              "  sample 1 of 2",
              "    chat gpt-4o-mini",
              "    execute_tool lookup",
              "    chat gpt-4o-mini",
              "  sample 2 of 2",
              "    chat gpt-4o-mini",
              "    execute_tool lookup",
              "    execute_tool lookup",
              "    chat gpt-4o-mini");
      // the second sample's second call exceeds the run's two units of 'lookup'
      assertThat(tree)
          .contains(
              "    execute_tool lookup  [ERROR]  {error.type=frugal.budget_refused,"
                  + " frugal.budget.remaining_tool_units=0, frugal.refused_by=tool units of"
                  + " 'lookup', frugal.regime=CRITICAL}");
    }
  }
}
