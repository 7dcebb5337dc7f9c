package dev.frugal.core.strategy.bats;

import static dev.frugal.core.OpenAiScript.body;
import static dev.frugal.core.OpenAiScript.text;
import static dev.frugal.core.OpenAiScript.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.OpenAiScript;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BATS through LangChain4j's real {@link OpenAiChatModel} against a scripted HTTP server on
 * 127.0.0.1: the planning and verifier requests ask for JSON output with their schemas, and the
 * Budget Tracker's status block reaches the model after the tool result and in the verifier
 * request.
 */
class BatsOverOpenAiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BLOCK = "<budget>Query Budget Used: 2, Query Budget Remaining: 3</budget>";

  MockWebServer server;
  final List<String> queries = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = OpenAiScript.startLocal();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void planningAndVerificationAskForJsonAndTheStatusBlockReachesTheModel() throws Exception {
    server.enqueue(ok(text(BatsFixtures.PLAN)));
    server.enqueue(
        ok(toolCall("call_1", "search", "{\"queries\":[\"Corliss Archer\",\"Kiss and Tell\"]}")));
    server.enqueue(ok(text("It was her. <answer>Shirley Temple</answer>")));
    server.enqueue(ok(text(BatsFixtures.verdict("SUCCESS"))));

    RunResult r =
        Agent.builder()
            .model("gpt-4o-mini", model())
            .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
            .tool(new OpenAiScript.Search(queries))
            .strategy(Bats.builder().mode(Bats.Mode.EARLY_STOP).build())
            .budget(Budget.builder().toolUnits("search", 5).build())
            .sleeper(d -> {})
            .build()
            .run("Who played Corliss Archer in Kiss and Tell?");

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(queries).containsExactly("Corliss Archer", "Kiss and Tell");
    assertThat(r.modelCalls()).containsEntry("gpt-4o-mini", 4L);

    JsonNode plan = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(plan.path("response_format").path("type").asText()).isEqualTo("json_schema");
    assertThat(plan.path("response_format").path("json_schema").path("name").asText())
        .isEqualTo("plan");
    assertThat(plan.has("tools")).isFalse();

    JsonNode firstStep = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(firstStep.has("response_format")).isFalse();
    assertThat(firstStep.path("tools")).hasSize(1);

    JsonNode secondStep = body(server.takeRequest(1, TimeUnit.SECONDS));
    JsonNode toolMsg = last(secondStep.get("messages"), "tool");
    assertThat(toolMsg.get("content").asText()).endsWith("\n" + BLOCK);

    JsonNode verify = body(server.takeRequest(1, TimeUnit.SECONDS));
    JsonNode format = verify.path("response_format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("name").asText()).isEqualTo("verification");
    JsonNode props = format.path("json_schema").path("schema").path("properties");
    assertThat(props.path("decision").path("enum").toString())
        .isEqualTo("[\"SUCCESS\",\"CONTINUE\",\"PIVOT\"]");
    assertThat(props.has("trajectory_summary")).isTrue();
    assertThat(verify.has("tools")).isFalse();
    JsonNode msgs = verify.get("messages");
    assertThat(msgs.get(0).get("role").asText()).isEqualTo("system");
    assertThat(msgs.get(0).get("content").asText()).contains("decision");
    String ask = msgs.get(msgs.size() - 1).get("content").asText();
    assertThat(ask)
        .startsWith("Proposed answer: <answer>Shirley Temple</answer>")
        .contains("- it is the seat of the French government")
        .contains("Budget left: " + BLOCK);
  }

  OpenAiChatModel model() {
    return OpenAiScript.model(server);
  }

  static JsonNode last(JsonNode msgs, String role) {
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).get("role").asText().equals(role)) return msgs.get(i);
    }
    throw new AssertionError("no " + role + " message in " + msgs);
  }

  static MockResponse ok(String message) {
    return OpenAiScript.ok(message, 100, 10, 0);
  }
}
