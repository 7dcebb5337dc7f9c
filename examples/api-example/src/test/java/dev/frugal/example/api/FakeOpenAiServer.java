package dev.frugal.example.api;

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
 * A fake OpenAI-compatible chat-completions server on 127.0.0.1 that plays a competent model for
 * the one question of these tests: it calls the {@code capital} tool first, answers Paris once it
 * has the tool's result, and fills the JSON schemas it is asked for (a BATS plan, a BATS verdict, a
 * {@code Capital}). Every reply reports 100 input and 10 output tokens. Not a language model.
 */
final class FakeOpenAiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int IN = 100;
  static final int OUT = 10;

  private final MockWebServer server = new MockWebServer();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  FakeOpenAiServer() throws IOException {
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

  /** The base URL to give an OpenAI-compatible client. */
  String baseUrl() {
    return server.url("/v1/").toString();
  }

  /** Every request body received, in order. */
  List<JsonNode> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.close();
  }

  private static ObjectNode reply(JsonNode body) {
    String schema = body.path("response_format").path("json_schema").path("name").asText("");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    switch (schema) {
      case "plan" -> message.put("content", plan());
      case "verification" -> message.put("content", verdict());
      case "Capital" ->
          message.put(
              "content", "{\"city\": \"Paris\", \"country\": \"France\", \"population\": 2100000}");
      case "" -> {
        if (body.has("tools") && !sawToolResult(body)) {
          ObjectNode call = message.putNull("content").putArray("tool_calls").addObject();
          call.put("id", "call_1").put("type", "function");
          call.putObject("function")
              .put("name", "capital")
              .put("arguments", "{\"country\": \"France\"}");
        } else {
          message.put("content", "The almanac says Paris. <answer>Paris</answer>");
        }
      }
      default -> message.put("content", "{}");
    }
    return message;
  }

  private static boolean sawToolResult(JsonNode body) {
    for (JsonNode m : body.path("messages")) {
      if (m.path("role").asText().equals("tool")) return true;
    }
    return false;
  }

  private static String plan() {
    ObjectNode p = JSON.createObjectNode();
    p.putArray("exploration_constraints").add("capital cities");
    p.putArray("verification_constraints").add("it is the capital of France");
    p.putArray("steps")
        .addObject()
        .put("id", "1")
        .put("description", "look the capital up")
        .put("state", "pending")
        .put("units_used", 0);
    return p.toString();
  }

  private static String verdict() {
    ObjectNode v = JSON.createObjectNode();
    v.putArray("verification")
        .addObject()
        .put("constraint", "it is the capital of France")
        .put("status", "satisfied");
    v.put("decision", "SUCCESS")
        .put("justification", "the almanac says so")
        .put("trajectory_summary", "looked France up")
        .put("failure_analysis", "")
        .put("useful_information", "Paris is the capital")
        .put("recommendations", "");
    return v.toString();
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
