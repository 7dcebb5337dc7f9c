package dev.frugal.testbed.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frugal.testbed.bench.BenchHarness;
import dev.frugal.testbed.sim.SimProfile;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.testbed.sim.SimulatedChatModel;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The simulated models behind an OpenAI-compatible HTTP endpoint ({@code POST /v1/chat/completions}
 * on 127.0.0.1), so that a bench run with {@code --base-url} goes through exactly what a user's
 * real model goes through: HTTP, LangChain4j's OpenAI client, tool-call parsing, usage accounting.
 * It is a <b>simulation</b> and says so: the models are {@code sim-*} profiles, and the reply's
 * {@code model} field names the profile.
 *
 * <p>Supported: messages (system, user, assistant with {@code tool_calls}, tool), {@code tools}
 * (function name, description, parameters), {@code response_format} {@code json_schema} (name and
 * schema), {@code temperature}, {@code max_tokens} / {@code max_completion_tokens}; the reply
 * carries {@code usage}. The model of each request is built for the episode the in-process bench
 * would run: seed {@code BenchHarness.seedFor(seed, question)}, the question found in the first
 * user message, so that the same seed gives the same replies both ways. Unknown models and bad
 * requests get a 400 with an OpenAI-style error that says what was wrong.
 */
public final class SimServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimWorld world;
  private final int seed;
  private final HttpServer server;
  private final Map<String, SimulatedChatModel> models = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong answered =
      new java.util.concurrent.atomic.AtomicLong();

  private SimServer(SimWorld world, int seed, int port) throws IOException {
    this.world = world;
    this.seed = seed;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
  }

  /** Starts a server on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static SimServer start(SimWorld world, int seed, int port) throws IOException {
    SimServer s = new SimServer(world, seed, port);
    s.server.start();
    return s;
  }

  /** How many chat completions it has answered. */
  public long answered() {
    return answered.get();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL to give an OpenAI client. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        send(ex, 405, error("use POST /v1/chat/completions"));
        return;
      }
      JsonNode body;
      try (InputStream in = ex.getRequestBody()) {
        body = JSON.readTree(in);
      }
      ObjectNode reply;
      try {
        reply = complete(body);
      } catch (IllegalArgumentException e) {
        send(ex, 400, error(e.getMessage()));
        return;
      }
      send(ex, 200, reply);
    }
  }

  ObjectNode complete(JsonNode body) {
    String modelName = body.path("model").asText("");
    if (!modelName.startsWith("sim-")) {
      throw new IllegalArgumentException(
          "unknown model '"
              + modelName
              + "'; this endpoint serves the simulated profiles sim-small and sim-large");
    }
    SimProfile profile = SimProfile.resource(modelName);
    List<ChatMessage> messages = messages(body.path("messages"));
    String firstUser =
        messages.stream()
            .filter(m -> m instanceof UserMessage)
            .map(m -> ((UserMessage) m).singleText())
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the request has no user message"));
    String questionId = world.questionIdIn(firstUser);
    long episodeSeed = BenchHarness.seedFor(seed, questionId);
    SimulatedChatModel model =
        models.computeIfAbsent(
            modelName + "/" + episodeSeed,
            k ->
                SimulatedChatModel.builder()
                    .profile(profile)
                    .world(world)
                    .seed(episodeSeed)
                    .sleeper(SimulatedChatModel.Sleeper.NONE)
                    .build());
    ChatRequest.Builder req = ChatRequest.builder().messages(messages);
    List<ToolSpecification> tools = tools(body.path("tools"));
    if (!tools.isEmpty()) req.toolSpecifications(tools);
    ResponseFormat rf = responseFormat(body.path("response_format"));
    if (rf != null) req.responseFormat(rf);
    if (body.hasNonNull("temperature")) req.temperature(body.get("temperature").asDouble());
    JsonNode max =
        body.hasNonNull("max_completion_tokens")
            ? body.get("max_completion_tokens")
            : body.get("max_tokens");
    if (max != null && !max.isNull()) req.maxOutputTokens(max.asInt());
    ChatResponse r = model.chat(req.build());
    answered.incrementAndGet();
    return reply(r, modelName);
  }

  private static List<ChatMessage> messages(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw new IllegalArgumentException("'messages' must be a non-empty array");
    }
    Map<String, String> toolNames = new HashMap<>();
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : array) {
      String role = m.path("role").asText("");
      String content = text(m.path("content"));
      switch (role) {
        case "system", "developer" -> out.add(SystemMessage.from(content));
        case "user" -> out.add(UserMessage.from(content));
        case "assistant" -> {
          List<ToolExecutionRequest> calls = new ArrayList<>();
          for (JsonNode c : m.path("tool_calls")) {
            String id = c.path("id").asText();
            String name = c.path("function").path("name").asText();
            toolNames.put(id, name);
            calls.add(
                ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(c.path("function").path("arguments").asText())
                    .build());
          }
          if (calls.isEmpty()) out.add(AiMessage.from(content));
          else if (content.isEmpty()) out.add(AiMessage.from(calls));
          else out.add(AiMessage.from(content, calls));
        }
        case "tool" -> {
          String id = m.path("tool_call_id").asText();
          out.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, ""), content));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown message role '" + role + "'; expected system, user, assistant or tool");
      }
    }
    return out;
  }

  private static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) return "";
    if (content.isTextual()) return content.asText();
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) sb.append(part.path("text").asText(""));
    return sb.toString();
  }

  private static List<ToolSpecification> tools(JsonNode array) {
    List<ToolSpecification> out = new ArrayList<>();
    for (JsonNode t : array) {
      JsonNode f = t.path("function");
      ToolSpecification.Builder b =
          ToolSpecification.builder()
              .name(f.path("name").asText())
              .parameters(object(f.path("parameters")));
      if (f.hasNonNull("description")) b.description(f.get("description").asText());
      out.add(b.build());
    }
    return out;
  }

  /** Top-level properties with their descriptions: what the simulated model reads of a schema. */
  private static JsonObjectSchema object(JsonNode schema) {
    JsonObjectSchema.Builder b = JsonObjectSchema.builder();
    Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonStringSchema.Builder p = JsonStringSchema.builder();
      if (e.getValue().hasNonNull("description"))
        p.description(e.getValue().get("description").asText());
      b.addProperty(e.getKey(), p.build());
    }
    return b.build();
  }

  private static ResponseFormat responseFormat(JsonNode rf) {
    if (rf.isMissingNode() || rf.isNull()) return null;
    JsonNode js = rf.path("json_schema");
    if (js.isMissingNode())
      return "json_object".equals(rf.path("type").asText()) ? ResponseFormat.JSON : null;
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        .jsonSchema(
            JsonSchema.builder()
                .name(js.path("name").asText("schema"))
                .rootElement(object(js.path("schema")))
                .build())
        .build();
  }

  private static ObjectNode reply(ChatResponse r, String model) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", "chatcmpl-" + (r.id() == null ? "sim" : r.id()));
    out.put("object", "chat.completion");
    out.put("created", 0);
    out.put("model", model);
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode msg = choice.putObject("message");
    msg.put("role", "assistant");
    AiMessage ai = r.aiMessage();
    if (ai.text() == null) msg.putNull("content");
    else msg.put("content", ai.text());
    if (ai.hasToolExecutionRequests()) {
      ArrayNode calls = msg.putArray("tool_calls");
      for (ToolExecutionRequest t : ai.toolExecutionRequests()) {
        ObjectNode c = calls.addObject();
        c.put("id", t.id());
        c.put("type", "function");
        c.putObject("function").put("name", t.name()).put("arguments", t.arguments());
      }
    }
    FinishReason f = r.finishReason();
    choice.put(
        "finish_reason",
        f == FinishReason.LENGTH
            ? "length"
            : ai.hasToolExecutionRequests() ? "tool_calls" : "stop");
    ObjectNode usage = out.putObject("usage");
    int in = r.tokenUsage().inputTokenCount();
    int outTokens = r.tokenUsage().outputTokenCount();
    usage.put("prompt_tokens", in);
    usage.put("completion_tokens", outTokens);
    usage.put("total_tokens", in + outTokens);
    return out;
  }

  private static ObjectNode error(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.putObject("error").put("message", message).put("type", "invalid_request_error");
    return out;
  }

  private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
