package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask --search-backend searxng} end to end, in its own process: a scripted
 * OpenAI-compatible model, a SearxNG API and a web page, all served by one local server on
 * 127.0.0.1 (allowed for {@code open} with {@code --allow-address}).
 */
class AskWebTest {
  private static final String KEY = "sk-cli-test-77e1";
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final List<String> chatBodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger chats = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (path.endsWith("/chat/completions")) {
              chatBodies.add(r.getBody() == null ? "" : r.getBody().utf8());
              return ScriptedChat.json(chatReply(chats.incrementAndGet()));
            }
            if (path.equals("/search")) {
              return ScriptedChat.json(
                  "{\"results\":[{\"url\":\""
                      + base()
                      + "/wiki/Shirley_Temple\",\"title\":\"Shirley Temple\",\"content\":\"American"
                      + " actress who played Corliss Archer\"}]}");
            }
            if (path.equals("/wiki/Shirley_Temple")) {
              return new MockResponse.Builder()
                  .addHeader("Content-Type", "text/html; charset=utf-8")
                  .body(
                      "<html><head><title>Shirley Temple</title><script>x()</script></head><body>"
                          + "<p>She served as Chief of Protocol of the United States.</p></body></html>")
                  .build();
            }
            return new MockResponse.Builder().code(404).build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private String chatReply(int n) {
    return ScriptedChat.corlissArcherReply(n, base(), 1000, 50);
  }

  @Test
  void aRealModelSearchesTheWebReadsAPageAndAnswersWithCosts() throws Exception {
    Path trace = dir.resolve("run.jsonl");

    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", KEY),
            "ask",
            "Who played Corliss Archer in Kiss and Tell, and what post did she hold?",
            "--search-backend",
            "searxng",
            "--searxng-url",
            base(),
            "--base-url",
            base() + "/v1",
            "--model",
            "test-model",
            "--price-in",
            "1",
            "--price-out",
            "4",
            "--allow-address",
            "127.0.0.1",
            "--trace",
            trace.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .doesNotContain("indexing the corpus")
        .contains("step  1  search ok {\"queries\":[\"Corliss Archer act...")
        .containsPattern("step  2  open ok \\{\"urls\":");
    assertThat(run.stdout())
        .doesNotContain("SIMULATED")
        .contains("Searched: the web, through SearxNG\n")
        .contains("Answer:   Chief of Protocol\n")
        .contains("Stopped:  answered after 3 steps\n")
        .contains("  tool  search     $0.001000  (1 unit at $0.001/unit)\n")
        .contains("  tool  open       $0.001000  (1 unit at $0.001/unit)\n");
    // What the model read: the search result, then the page as text without its script.
    assertThat(chatBodies).hasSize(3);
    assertThat(chatBodies.get(1)).contains("Shirley Temple").contains("/wiki/Shirley_Temple");
    assertThat(chatBodies.get(2))
        .contains("She served as Chief of Protocol of the United States.")
        .doesNotContain("x()");
    String written = Files.readString(trace);
    assertThat(written).contains("\"tool\":\"open\"");
    assertThat(List.of(run.stdout(), run.stderr(), written)).noneMatch(s -> s.contains(KEY));
  }

  @Test
  void withoutAllowingTheLocalAddressTheSsrfGuardRefusesThePageAndTheModelIsTold() {
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", KEY),
            "ask",
            "Who played Corliss Archer?",
            "--search-backend",
            "searxng",
            "--searxng-url",
            base(),
            "--base-url",
            base() + "/v1",
            "--model",
            "test-model",
            "--price-in",
            "0",
            "--price-out",
            "0");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).containsPattern("step  2  open error");
    assertThat(chatBodies.get(2)).contains("127.0.0.1 is a loopback address");
    assertThat(run.stdout()).contains("  tool  search     $0.001000  (1 unit at $0.001/unit)\n");
    assertThat(run.stdout()).doesNotContain("tool  open");
  }
}
