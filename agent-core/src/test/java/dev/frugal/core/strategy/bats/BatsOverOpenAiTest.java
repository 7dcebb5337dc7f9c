package dev.frugal.core.strategy.bats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
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
            .tool(new Search(queries))
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
    return OpenAiChatModel.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  static JsonNode last(JsonNode msgs, String role) {
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).get("role").asText().equals(role)) return msgs.get(i);
    }
    throw new AssertionError("no " + role + " message in " + msgs);
  }

  static JsonNode body(RecordedRequest r) throws Exception {
    assertThat(r).as("a request reached the server").isNotNull();
    return JSON.readTree(r.getBody().utf8());
  }

  static MockResponse ok(String message) {
    String body =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":"
            + message
            + ",\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}}";
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static String toolCall(String id, String name, String args) throws Exception {
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":"
        + JSON.writeValueAsString(args)
        + "}}]}";
  }

  static String text(String t) throws Exception {
    return "{\"role\":\"assistant\",\"content\":" + JSON.writeValueAsString(t) + "}";
  }

  /** A search tool over one fixed fact, one unit per query. */
  static final class Search implements Tool {
    final List<String> seen;

    Search(List<String> seen) {
      this.seen = seen;
    }

    @Override
    public ToolSpecification specification() {
      return ToolSpecification.builder()
          .name("search")
          .description("Searches the corpus")
          .parameters(
              JsonObjectSchema.builder()
                  .addProperty(
                      "queries", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                  .required("queries")
                  .build())
          .build();
    }

    @Override
    public UnitRule unitRule() {
      return UnitRule.perElement("queries", "Query");
    }

    @Override
    public ToolResult execute(ToolCall call) {
      seen.addAll(call.strings("queries"));
      return ToolResult.ok("1. Shirley Temple played Corliss Archer in Kiss and Tell (1945).");
    }
  }
}
