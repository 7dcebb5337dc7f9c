package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask --base-url ...} when the model fails, in its own process on the launcher's
 * classpath: a closed port, 401, 500 and a garbage reply each end with exit code 3 and a clear
 * message; a server that echoes the API key (in its error body, or as an Authorization header
 * value) never gets it into stdout, stderr, the JSON output or the trace.
 */
class ModelFailureExitTest {
  private static final String KEY = "sk-live-5f1e9c0b7a2d4e6f";
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String auth = r.getHeaders().get("Authorization");
            if (path.startsWith("/401/")) {
              return json(
                  401,
                  "{\"error\":{\"message\":\"Incorrect API key provided: "
                      + KEY
                      + ". You sent Authorization: "
                      + auth
                      + "\",\"type\":\"invalid_request_error\"}}");
            }
            if (path.startsWith("/500/")) {
              return json(500, "{\"error\":{\"message\":\"upstream broke; key was " + KEY + "\"}}");
            }
            if (path.startsWith("/garbage/")) {
              return new MockResponse.Builder()
                  .addHeader("Content-Type", "application/json")
                  .body("<html>surprise " + KEY + "</html>")
                  .build();
            }
            return json(404, "{}");
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private Terminal.Run ask(String baseUrl, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "ask",
                "What government position did Shirley Temple hold?",
                "--base-url",
                baseUrl,
                "--model",
                "test-model",
                "--price-in",
                "0",
                "--price-out",
                "0",
                // the web backend: no corpus to index, the model is asked at once
                "--search-backend",
                "searxng",
                "--searxng-url",
                "http://127.0.0.1:" + server.getPort()));
    args.addAll(List.of(more));
    return Terminal.frugal(dir, Map.of("FRUGAL_API_KEY", KEY), args.toArray(String[]::new));
  }

  private String base(String prefix) {
    return "http://127.0.0.1:" + server.getPort() + "/" + prefix + "/v1";
  }

  private static void failedClearly(Terminal.Run run, String... messageParts) {
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(3);
    assertThat(run.stderr()).contains("frugal: the model failed: ");
    for (String part : messageParts) assertThat(run.stderr()).contains(part);
    assertThat(run.stdout()).contains("Stopped:  model failure: ");
    assertThat(run.stdout() + run.stderr()).doesNotContain("\tat ").doesNotContain(KEY);
  }

  @Test
  void aClosedPortExits3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    failedClearly(ask("http://127.0.0.1:" + port + "/v1"));
  }

  @Test
  void aRefusedKeyExits3AndTheEchoedKeyIsRedactedEverywhere() throws Exception {
    Path trace = dir.resolve("run.jsonl");

    Terminal.Run text = ask(base("401"), "--trace", trace.toString());
    Terminal.Run json = ask(base("401"), "--json");

    failedClearly(text, "Incorrect API key provided: [redacted]");
    assertThat(text.stdout() + text.stderr()).contains("Authorization: Bearer [redacted]");
    assertThat(json.exitCode()).isEqualTo(3);
    assertThat(json.stdout()).contains("\"stopReason\" : \"model failure: ").doesNotContain(KEY);
    String written = Files.readString(trace);
    assertThat(written).contains("model_failed").contains("[redacted]").doesNotContain(KEY);
  }

  @Test
  void aServerErrorExits3WithoutTheKey() {
    failedClearly(ask(base("500")), "upstream broke; key was [redacted]");
  }

  @Test
  void aGarbageReplyExits3WithoutTheKey() {
    failedClearly(ask(base("garbage")));
  }
}
