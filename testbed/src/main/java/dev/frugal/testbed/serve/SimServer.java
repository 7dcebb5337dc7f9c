package dev.frugal.testbed.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * requests get a 400 with an OpenAI-style error that says what was wrong (a body that is not JSON
 * too).
 *
 * <p>Each connection has its own thread from a bounded pool and carries one request; a read waits
 * at most a read timeout for the next byte and the whole request must arrive within three times
 * that, so clients that send half a request hold only their own thread, briefly (HTTP 408), and
 * never block other clients.
 */
public final class SimServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimWorld world;
  private final int seed;
  private final java.net.ServerSocket socket;
  private final java.util.concurrent.ThreadPoolExecutor connections;
  private final Thread acceptor;
  private final int readTimeoutMillis;

  /** The most connections served at once; more get 503 at once. */
  static final int MAX_CONNECTIONS = 64;

  /** How long one read of a request may wait for a byte (a client that stops sending). */
  static final int READ_TIMEOUT_MILLIS = 10_000;

  /** The longest request head (request line and headers), in bytes. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The longest request body, in bytes. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final Map<String, SimulatedChatModel> models = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong answered =
      new java.util.concurrent.atomic.AtomicLong();

  private SimServer(SimWorld world, int seed, int port, int readTimeoutMillis) throws IOException {
    this.world = world;
    this.seed = seed;
    this.readTimeoutMillis = readTimeoutMillis;
    this.socket = new java.net.ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    // one thread per connection, bounded: a slow or stalled client holds only its own thread,
    // and only until its read timeout
    this.connections =
        new java.util.concurrent.ThreadPoolExecutor(
            0,
            MAX_CONNECTIONS,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "sim-serve-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::accept, "sim-serve-accept");
    acceptor.setDaemon(true);
  }

  /** Starts a server on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static SimServer start(SimWorld world, int seed, int port) throws IOException {
    return start(world, seed, port, READ_TIMEOUT_MILLIS);
  }

  /**
   * Starts a server on 127.0.0.1 whose reads of a request wait at most {@code readTimeoutMillis}
   * for the next byte, and whose whole request must arrive within 3 times that.
   */
  public static SimServer start(SimWorld world, int seed, int port, int readTimeoutMillis)
      throws IOException {
    if (readTimeoutMillis < 1) {
      throw new IllegalArgumentException(
          "readTimeoutMillis must be 1 or more, got " + readTimeoutMillis);
    }
    SimServer s = new SimServer(world, seed, port, readTimeoutMillis);
    s.acceptor.start();
    return s;
  }

  private void accept() {
    while (!socket.isClosed()) {
      java.net.Socket c;
      try {
        c = socket.accept();
      } catch (IOException e) {
        if (socket.isClosed()) return;
        continue;
      }
      try {
        connections.execute(() -> serve(c));
      } catch (java.util.concurrent.RejectedExecutionException busy) {
        try (c) {
          c.setSoTimeout(readTimeoutMillis);
          write(
              c.getOutputStream(),
              503,
              error("busy: " + MAX_CONNECTIONS + " connections are open; try again"));
        } catch (IOException ignored) {
          // the client is gone
        }
      }
    }
  }

  /** How many chat completions it has answered. */
  public long answered() {
    return answered.get();
  }

  /** The port it listens on. */
  public int port() {
    return socket.getLocalPort();
  }

  /** The base URL to give an OpenAI client. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.shutdownNow();
  }

  /** Serves one request on {@code c}, then closes it. */
  private void serve(java.net.Socket c) {
    try (c) {
      c.setSoTimeout(readTimeoutMillis);
      InputStream in =
          new DeadlineInputStream(
              new java.io.BufferedInputStream(c.getInputStream()), 3L * readTimeoutMillis);
      OutputStream out = c.getOutputStream();
      String[] head;
      try {
        head = readHead(in);
      } catch (java.net.SocketTimeoutException e) {
        write(out, 408, error("the request did not arrive in time (" + e.getMessage() + ")"));
        return;
      }
      if (head == null) return; // closed before a request
      String[] requestLine = head[0].split(" ");
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        write(out, 400, error("not an HTTP/1.1 request line: " + printable(head[0])));
        return;
      }
      if (!requestLine[1].startsWith("/v1/chat/completions")) {
        write(out, 404, error("no such path; use POST /v1/chat/completions"));
        return;
      }
      if (!"POST".equals(requestLine[0])) {
        write(out, 405, error("use POST /v1/chat/completions"));
        return;
      }
      long length = -1;
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        if (colon < 0) continue;
        String name = head[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        String value = head[i].substring(colon + 1).strip();
        if (name.equals("transfer-encoding")) {
          write(out, 411, error("send the body with a Content-Length, not Transfer-Encoding"));
          return;
        }
        if (name.equals("content-length")) {
          try {
            length = Long.parseLong(value);
          } catch (NumberFormatException e) {
            length = -2;
          }
        }
      }
      if (length < 0 || length > MAX_BODY_BYTES) {
        write(
            out,
            length == -1 ? 411 : 413,
            error("the body needs a Content-Length of 0 to " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      byte[] bytes;
      try {
        bytes = in.readNBytes((int) length);
      } catch (java.net.SocketTimeoutException e) {
        write(out, 408, error("the request body did not arrive in time (" + e.getMessage() + ")"));
        return;
      }
      if (bytes.length < length) return; // the client went away mid-body
      JsonNode body;
      try {
        body = JSON.readTree(bytes);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        write(out, 400, error("the body is not JSON: " + e.getOriginalMessage()));
        return;
      }
      if (body == null || !body.isObject()) {
        write(out, 400, error("the body must be a JSON object (a chat completion request)"));
        return;
      }
      ObjectNode reply;
      try {
        reply = complete(body);
      } catch (IllegalArgumentException e) {
        write(out, 400, error(e.getMessage()));
        return;
      }
      write(out, 200, reply);
    } catch (IOException e) {
      // the client went away
    }
  }

  /** The request line and header lines, or null when the connection closed before a request. */
  private static String[] readHead(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    int b;
    int matched = 0;
    while ((b = in.read()) >= 0) {
      buf.write(b);
      if (buf.size() > MAX_HEAD_BYTES) throw new IOException("request head too long");
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String head = buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.substring(0, head.length() - 4).split("\r\n");
      }
    }
    return null;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      sb.append(ch < 0x20 || ch >= 0x7f ? '?' : ch);
    }
    return sb.length() > 200 ? sb.substring(0, 200) + "..." : sb.toString();
  }

  /** Fails a read with a timeout once the whole request has taken longer than its deadline. */
  private static final class DeadlineInputStream extends java.io.FilterInputStream {
    private final long deadline;
    private final long millis;

    DeadlineInputStream(InputStream in, long millis) {
      super(in);
      this.millis = millis;
      this.deadline = System.nanoTime() + millis * 1_000_000L;
    }

    private void check() throws java.net.SocketTimeoutException {
      if (System.nanoTime() > deadline) {
        throw new java.net.SocketTimeoutException("whole request limit of " + millis + " ms");
      }
    }

    @Override
    public int read() throws IOException {
      check();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      return super.read(b, off, len);
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

  private static void write(OutputStream out, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    String reason =
        switch (status) {
          case 200 -> "OK";
          case 400 -> "Bad Request";
          case 404 -> "Not Found";
          case 405 -> "Method Not Allowed";
          case 408 -> "Request Timeout";
          case 411 -> "Length Required";
          case 413 -> "Content Too Large";
          case 503 -> "Service Unavailable";
          default -> "Status";
        };
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }
}
