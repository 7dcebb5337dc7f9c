package dev.frugal.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A simulated OpenAI-compatible chat-completions server on 127.0.0.1 (not a language model): it
 * calls the {@code capital} tool when the request offers tools and holds no tool result yet, then
 * answers with the first line of the tool's result (a budget block may follow it). Every reply
 * reports {@value #IN} input and {@value #OUT} output tokens.
 */
final class FakeOpenAiModel implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int IN = 200;
  static final int OUT = 20;

  private final MockWebServer server = new MockWebServer();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  FakeOpenAiModel() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              JsonNode body = JSON.readTree(request.getBody().utf8());
              requests.add(body);
              return completion(body.path("model").asText(), reply(body));
            } catch (IOException e) {
              return new MockResponse.Builder().code(400).body(e.toString()).build();
            }
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  String baseUrl() {
    return server.url("/v1/").toString();
  }

  List<JsonNode> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.close();
  }

  private static ObjectNode reply(JsonNode body) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    String toolResult = null;
    for (JsonNode m : body.path("messages")) {
      if (m.path("role").asText().equals("tool"))
        toolResult = m.path("content").asText().lines().findFirst().orElse("");
    }
    if (body.has("tools") && toolResult == null) {
      ObjectNode call = message.putNull("content").putArray("tool_calls").addObject();
      call.put("id", "call_1").put("type", "function");
      call.putObject("function")
          .put("name", "capital")
          .put("arguments", "{\"country\": \"France\"}");
    } else {
      message.put("content", "The almanac says so. <answer>" + toolResult + "</answer>");
    }
    return message;
  }

  private static MockResponse completion(String model, ObjectNode message) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", "c1").put("object", "chat.completion").put("created", 1).put("model", model);
    r.putArray("choices")
        .addObject()
        .put("index", 0)
        .put("finish_reason", "stop")
        .set("message", message);
    r.putObject("usage")
        .put("prompt_tokens", IN)
        .put("completion_tokens", OUT)
        .put("total_tokens", IN + OUT);
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(r.toString())
        .build();
  }
}
