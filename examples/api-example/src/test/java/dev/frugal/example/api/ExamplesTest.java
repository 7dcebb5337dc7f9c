package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.TypedResult;
import dev.frugal.core.budget.ToolPrice;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four examples, run against a fake OpenAI-compatible server on 127.0.0.1. */
class ExamplesTest {
  static final String Q = "What is the capital of France, and how many people live there?";

  FakeOpenAiServer server;
  Examples examples;

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpenAiServer();
    examples = new Examples(server.baseUrl(), "test-key");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** What {@code calls} calls of 100 in / 10 out tokens cost at {@code in}/{@code out} per 1M. */
  static double cost(int calls, double in, double out) {
    return calls * (FakeOpenAiServer.IN * in + FakeOpenAiServer.OUT * out) / 1e6;
  }

  @Test
  void reactCallsTheToolThenAnswersAndTheFreeToolIsShownAsDeclared() {
    RunResult r = examples.react(Q);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(r.toolUnits()).containsEntry("capital", 1L);
    assertThat(r.toolPrices()).containsEntry("capital", new ToolPrice(0, true));
    assertThat(r.modelCalls()).containsEntry(Examples.SMALL, 2L);
    assertThat(r.usd()).isCloseTo(cost(2, 0.15, 0.60), Offset.offset(1e-12));
  }

  @Test
  void batsPlansAttemptsAndVerifiesThroughTheJsonSchemaFormat() {
    RunResult r = examples.bats(Q);

    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    List<String> schemas =
        server.requests().stream()
            .map(b -> b.path("response_format").path("json_schema").path("name").asText(""))
            .toList();
    assertThat(schemas).containsExactly("plan", "", "", "verification");
    assertThat(r.toolUnits()).containsEntry("capital", 1L);
  }

  @Test
  void theRoutedPairStartsOnTheLargeModelAndWorksWithoutDjl() {
    RunResult r = examples.routed(Q);

    assertThat(r.answer()).contains("Paris");
    List<String> models = server.requests().stream().map(b -> b.get("model").asText()).toList();
    assertThat(models).containsExactly(Examples.LARGE, Examples.SMALL);
    assertThat(r.modelCalls()).containsEntry(Examples.LARGE, 1L).containsEntry(Examples.SMALL, 1L);
    assertThat(r.usd()).isCloseTo(cost(1, 2.50, 10.00) + cost(1, 0.15, 0.60), Offset.offset(1e-12));
    // the heuristic router ran with no DJL class on this module's classpath
    assertThatThrownBy(() -> Class.forName("ai.djl.Model"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aTypedAnswerComesBackAsTheRecord() {
    TypedResult<Examples.Capital> t = examples.typed(Q);

    assertThat(t.value()).contains(new Examples.Capital("Paris", "France", 2_100_000));
    assertThat(t.result().modelCalls()).containsEntry(Examples.SMALL, 3L);
    JsonNode last = server.requests().get(server.requests().size() - 1);
    assertThat(last.path("response_format").path("type").asText()).isEqualTo("json_schema");
  }
}
