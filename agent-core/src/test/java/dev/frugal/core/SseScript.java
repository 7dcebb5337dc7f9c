package dev.frugal.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * Test fixtures for scripting an OpenAI-compatible server's streamed replies (server-sent events of
 * chat-completion chunks) with mockwebserver3, and LangChain4j's real OpenAiStreamingChatModel
 * against it.
 */
final class SseScript {
  private SseScript() {}

  /** LangChain4j's streaming OpenAI client against {@code server}, its own retries off. */
  static dev.langchain4j.model.openai.OpenAiStreamingChatModel model(
      mockwebserver3.MockWebServer server) {
    return dev.langchain4j.model.openai.OpenAiStreamingChatModel.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .timeout(java.time.Duration.ofSeconds(5))
        .build();
  }

  /** A chunk whose delta carries {@code text}. */
  static String text(String text) {
    return chunk("{\"content\":" + quoted(text) + "}", null);
  }

  /** A chunk whose delta starts a call of {@code tool} with {@code args}. */
  static String toolCall(String id, String tool, String args) {
    return chunk(
        "{\"tool_calls\":[{\"index\":0,\"id\":\""
            + id
            + "\",\"type\":\"function\",\"function\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + quoted(args)
            + "}}]}",
        null);
  }

  /** The chunk that ends the choice. */
  static String finish(String reason) {
    return chunk("{}", reason);
  }

  /** The usage chunk the server sends last when asked for usage. */
  static String usage(int in, int out) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + in
        + ",\"completion_tokens\":"
        + out
        + ",\"total_tokens\":"
        + (in + out)
        + "}}";
  }

  private static String chunk(String delta, String finish) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]}";
  }

  /** The events as an SSE body, ending with {@code [DONE]}. */
  static String body(List<String> events, boolean done) {
    StringBuilder sb = new StringBuilder();
    for (String e : events) sb.append("data: ").append(e).append("\n\n");
    if (done) sb.append("data: [DONE]\n\n");
    return sb.toString();
  }

  /** A complete streamed reply. */
  static MockResponse stream(List<String> events) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .body(body(events, true))
        .build();
  }

  /**
   * A streamed reply whose connection the server shuts down part-way through the body: the client
   * gets the first events and then a broken stream.
   */
  static MockResponse cut(List<String> events) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .body(body(events, true))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  private static String quoted(String s) {
    try {
      return OpenAiScript.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
