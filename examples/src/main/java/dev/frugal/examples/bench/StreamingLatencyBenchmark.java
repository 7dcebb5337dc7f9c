package dev.frugal.examples.bench;

import com.sun.net.httpserver.HttpServer;
import dev.frugal.core.Agent;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.stream.RunStreamHandler;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Time to first token and time per streamed token, through Frugal's engine ({@code
 * Agent.runStreaming}) and through LangChain4j's own streaming ({@code
 * OpenAiStreamingChatModel.chat} with a handler), side by side in one JVM against one fake
 * OpenAI-compatible server on 127.0.0.1 that streams a fixed reply of {@code tokens} chunks as fast
 * as it can. The two are measured alternately, after a warm-up of each; the difference is what the
 * engine adds (its reservation, token estimate, answer-tag filter and settle).
 *
 * <pre>{@code
 * java -cp examples/target/classes:$(cat examples/target/classpath.txt) \
 *     dev.frugal.examples.bench.StreamingLatencyBenchmark 200 1000 50
 * }</pre>
 *
 * Arguments: warm-up runs of each, measured runs of each, tokens per reply.
 */
public final class StreamingLatencyBenchmark {
  private StreamingLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    byte[] reply = sse(tokens);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, reply.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(reply);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    server.start();
    try {
      OpenAiStreamingChatModel model =
          OpenAiStreamingChatModel.builder()
              .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
              .apiKey("bench")
              .modelName("gpt-4o-mini")
              .timeout(Duration.ofSeconds(10))
              .build();
      Agent agent =
          Agent.builder()
              .model("gpt-4o-mini", model)
              .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
              .budget(Budget.builder().usd(1).build())
              .build();
      ChatRequest request =
          ChatRequest.builder()
              .messages(UserMessage.from("Who played Corliss Archer in Kiss and Tell?"))
              .build();
      for (int i = 0; i < warmup; i++) {
        direct(model, request);
        engine(agent);
      }
      long[][] d = new long[2][runs];
      long[][] e = new long[2][runs];
      for (int i = 0; i < runs; i++) {
        long[] a = direct(model, request);
        long[] b = engine(agent);
        d[0][i] = a[0];
        d[1][i] = a[1];
        e[0][i] = b[0];
        e[1][i] = b[1];
      }
      System.out.printf(
          Locale.ROOT,
          "%d runs each (after %d warm-up runs each), %d tokens per reply, one JVM, alternating%n",
          runs,
          warmup,
          tokens);
      System.out.printf(
          Locale.ROOT,
          "%-34s %12s %12s %12s %16s%n",
          "",
          "TTFT p50 us",
          "TTFT p90 us",
          "TTFT p99 us",
          "per token p50 us");
      row("LangChain4j streaming (direct)", d, tokens);
      row("Frugal Agent.runStreaming", e, tokens);
      System.out.printf(
          Locale.ROOT,
          "engine overhead: TTFT p50 +%.1f us, per token p50 %+.2f us%n",
          (pct(e[0], 50) - pct(d[0], 50)) / 1e3,
          (pct(e[1], 50) - pct(d[1], 50)) / 1e3 / (tokens - 1));
    } finally {
      server.stop(0);
      System.exit(0);
    }
  }

  private static void row(String name, long[][] t, int tokens) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %12.1f %12.1f %12.1f %16.2f%n",
        name,
        pct(t[0], 50) / 1e3,
        pct(t[0], 90) / 1e3,
        pct(t[0], 99) / 1e3,
        pct(t[1], 50) / 1e3 / (tokens - 1));
  }

  /** {first token, last token - first token} in nanoseconds, LangChain4j alone. */
  private static long[] direct(OpenAiStreamingChatModel model, ChatRequest request)
      throws Exception {
    long[] first = {0};
    long[] last = {0};
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            long now = System.nanoTime();
            if (first[0] == 0) first[0] = now;
            last[0] = now;
          }

          @Override
          public void onCompleteResponse(ChatResponse r) {
            done.complete(r);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }
        });
    done.get();
    return new long[] {first[0] - t0, last[0] - first[0]};
  }

  /** {first answer token, last - first} in nanoseconds, through the engine. */
  private static long[] engine(Agent agent) {
    long[] first = {0};
    long[] last = {0};
    long t0 = System.nanoTime();
    agent.runStreaming(
        "Who played Corliss Archer in Kiss and Tell?",
        new RunStreamHandler() {
          @Override
          public void onAnswerToken(String token) {
            long now = System.nanoTime();
            if (first[0] == 0) first[0] = now;
            last[0] = now;
          }
        });
    return new long[] {first[0] - t0, last[0] - first[0]};
  }

  private static double pct(long[] xs, int p) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  /** A reply of {@code tokens} chunks: the answer tag opens in the first, closes in the last. */
  private static byte[] sse(int tokens) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      String text = (i == 0 ? "<answer>w0" : " w" + i) + (i == tokens - 1 ? "</answer>" : "");
      sb.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,")
          .append("\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(text)
          .append("\"},\"finish_reason\":null}]}\n\n");
    }
    sb.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,")
        .append("\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},")
        .append("\"finish_reason\":\"stop\"}]}\n\n");
    sb.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,")
        .append("\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":30,")
        .append("\"completion_tokens\":")
        .append(tokens)
        .append(",\"total_tokens\":")
        .append(30 + tokens)
        .append("}}\n\ndata: [DONE]\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
