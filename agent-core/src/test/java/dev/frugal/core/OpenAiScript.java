package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.io.UncheckedIOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Test fixtures for scripting an OpenAI-compatible server with mockwebserver3: chat-completion
 * responses, the messages they carry, reading back what the client sent, and a search tool over one
 * fixed fact.
 */
public final class OpenAiScript {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String SEARCH_RESULT =
      "1. Shirley Temple played Corliss Archer in Kiss and Tell (1945).";

  private OpenAiScript() {}

  /** A scripted server bound to 127.0.0.1 on a free port. */
  public static mockwebserver3.MockWebServer startLocal() throws java.io.IOException {
    mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer();
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /**
   * LangChain4j's OpenAiChatModel against {@code server}, with its own retries off (the engine
   * retries within budget) and a short timeout.
   */
  public static dev.langchain4j.model.openai.OpenAiChatModel model(
      mockwebserver3.MockWebServer server) {
    return dev.langchain4j.model.openai.OpenAiChatModel.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .maxRetries(0)
        .timeout(java.time.Duration.ofSeconds(2))
        .build();
  }

  /** A 200 chat completion carrying {@code message}, reporting the given usage. */
  public static MockResponse ok(String message, int in, int out, int cached) {
    String body =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":"
            + message
            + ",\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":"
            + in
            + ",\"completion_tokens\":"
            + out
            + ",\"total_tokens\":"
            + (in + out)
            + ",\"prompt_tokens_details\":{\"cached_tokens\":"
            + cached
            + "}}}";
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** An assistant message calling one tool. */
  public static String toolCall(String id, String name, String args) {
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":"
        + quoted(args)
        + "}}]}";
  }

  /** An assistant message with text. */
  public static String text(String t) {
    return "{\"role\":\"assistant\",\"content\":" + quoted(t) + "}";
  }

  /** A request message as the client writes it. */
  public static String msg(String role, String content) {
    return "{\"role\":\"" + role + "\",\"content\":" + quoted(content.strip()) + "}";
  }

  /** The JSON body a request carried. */
  public static JsonNode body(RecordedRequest r) throws Exception {
    assertThat(r).as("a request reached the server").isNotNull();
    return JSON.readTree(r.getBody().utf8());
  }

  /** The content of the last tool message of a request body. */
  public static String lastToolContent(JsonNode body) {
    JsonNode msgs = body.get("messages");
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).get("role").asText().equals("tool")) {
        return msgs.get(i).get("content").asText();
      }
    }
    throw new AssertionError("no tool message in " + body);
  }

  private static String quoted(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A search tool over one fixed fact, one Query unit per query; records the queries it got. */
  public static final class Search implements Tool {
    private final List<String> seen;

    public Search(List<String> seen) {
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
      return ToolResult.ok(SEARCH_RESULT);
    }
  }
}
