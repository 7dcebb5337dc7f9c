package dev.frugal.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local servers for {@code .ci/smoke}, which runs {@code ./frugal ask --search-backend searxng} as
 * a user would: on 127.0.0.1, a FAKE OpenAI-compatible chat endpoint ({@code /v1/chat/completions},
 * a fixed script, not a language model: search, then open the page it found, then answer with a
 * sentence of that page; a page-memory module's prompt gets a fixed reply in that module's line
 * format; usage is reported as one token per four characters of the request body), a fake SearxNG
 * JSON API ({@code /search}) and one long web page (about 20,000 characters: filler paragraphs
 * written for this test around the two sentences that matter, so {@code ask --memory} keeps it in
 * memory). JDK classes only, so it runs from {@code examples/target/test-classes} alone. Under
 * {@code /slow/v1/chat/completions} the same fake model holds every call after the first for two
 * minutes, printing {@code slow call in flight} when one arrives (for the Ctrl-C checks).
 *
 * <p>Prints {@code ready http://127.0.0.1:PORT} on stdout once listening, then serves until killed
 * or until the number of seconds given as the first argument (default 300) has passed. A second
 * argument sets the page's filler paragraphs (default 40; 300 make a page of about 145,000
 * characters, near the web backends' 150,000-character limit).
 */
public final class SmokeServers {
  private static final Pattern TOOL_ROLE = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

  private SmokeServers() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 300;
    int paragraphs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/v1/chat/completions", ex -> chat(ex, base, false));
    server.createContext("/slow/v1/chat/completions", ex -> chat(ex, base, true));
    server.createContext(
        "/search",
        ex ->
            send(
                ex,
                200,
                "application/json",
                "{\"results\":[{\"url\":\""
                    + base
                    + "/wiki/Shirley_Temple\",\"title\":\"Shirley Temple\",\"content\":\"American"
                    + " actress who played Corliss Archer in Kiss and Tell\"}]}"));
    server.createContext(
        "/wiki/Shirley_Temple",
        ex ->
            send(
                ex,
                200,
                "text/html; charset=utf-8",
                "<html><head><title>Shirley Temple</title></head><body>"
                    + longPage(paragraphs)
                    + "</body></html>"));
    server.createContext("/", ex -> send(ex, 404, "text/plain", "not here"));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("ready " + base);
    System.out.flush();
    Thread.sleep(seconds * 1000);
    server.stop(0);
    System.exit(0);
  }

  /**
   * Forty filler paragraphs about a film archive (our own text, about 20,000 characters) with the
   * two sentences about Shirley Temple in the middle.
   */
  static String longPage() {
    return longPage(40);
  }

  /** {@code paragraphs} filler paragraphs (about 480 characters each), the key ones 5/8 in. */
  static String longPage(int paragraphs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= paragraphs; i++) {
      if (i == paragraphs * 5 / 8) {
        sb.append("<p>Shirley Temple played Corliss Archer in the film Kiss and Tell. She later")
            .append(" served as Chief of Protocol of the United States.</p>");
      }
      sb.append("<p>Archive note ")
          .append(i)
          .append(". The studio catalogue lists reel ")
          .append(100 + i)
          .append(" of the newsreel collection, restored in ")
          .append(1990 + i % 30)
          .append(", with a running time of ")
          .append(8 + i % 11)
          .append(" minutes. Its index cards describe crowd scenes, street parades and harbour")
          .append(" views filmed for regional cinemas. Volunteers checked the captions against")
          .append(" the original shipping ledgers and corrected the spelling of place names.")
          .append(" The reel was digitised at a resolution suitable for research viewing, and a")
          .append(" copy is kept in cold storage at the county record office.</p>");
    }
    return sb.toString();
  }

  /** A page-memory module's prompt: a fixed reply in the line format that module asks for. */
  private static String memoryReply(String body) {
    if (body.contains("[memory module: filter]")) return "KEEP: #1\\nKEEP: #2\\nKEEP: #3";
    if (body.contains("[memory module: entity]")) {
      return "ENTITY: Shirley Temple | PERSON\\nENTITY: Corliss Archer | NAME";
    }
    if (body.contains("[memory module: temporal]")) return "";
    if (body.contains("[memory module: topic]")) return "TOPIC: film";
    return "SUMMARY: The page says that Shirley Temple played Corliss Archer in the film Kiss and"
        + " Tell and later served as Chief of Protocol of the United States.";
  }

  /** The script, chosen by how many tool results the request already carries. */
  private static void chat(HttpExchange ex, String base, boolean slow) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int toolResults = 0;
    Matcher m = TOOL_ROLE.matcher(body);
    while (m.find()) toolResults++;
    if (slow && toolResults > 0) {
      // the slow endpoint: the first call answers at once (the run spends a little), every later
      // one is held for two minutes, so a test can interrupt a run with a call in flight
      System.out.println("slow call in flight");
      System.out.flush();
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    boolean toolsOffered = body.contains("\"tools\"");
    int promptTokens = Math.max(1, body.length() / 4);
    String message;
    if (body.contains("[memory module: ")) {
      message = "{\"role\":\"assistant\",\"content\":\"" + memoryReply(body) + "\"}";
    } else if (toolsOffered && toolResults == 0) {
      message =
          ScriptedChat.toolCall("search", "{\\\"queries\\\":[\\\"Corliss Archer actress\\\"]}");
    } else if (toolsOffered && toolResults == 1) {
      message =
          ScriptedChat.toolCall(
              "open", "{\\\"urls\\\":[\\\"" + base + "/wiki/Shirley_Temple\\\"]}");
    } else {
      message = "{\"role\":\"assistant\",\"content\":\"<answer>Chief of Protocol</answer>\"}";
    }
    send(
        ex,
        200,
        "application/json",
        "{\"id\":\"fake-"
            + toolResults
            + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake-model\","
            + "\"choices\":[{\"index\":0,\"message\":"
            + message
            + ",\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":"
            + promptTokens
            + ",\"completion_tokens\":20,\"total_tokens\":"
            + (promptTokens + 20)
            + "}}");
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
