package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./frugal ask --model-timeout}, run as a separate process the way users run it, against a
 * local server on 127.0.0.1 that accepts the request and never answers (issue 10, item 4).
 */
class ModelTimeoutFlagTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aServerThatNeverAnswersEndsAtTheModelTimeoutWithAMessageNamingIt() {
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", "sk-timeout-test"),
            "ask",
            "Who played Corliss Archer in Kiss and Tell?",
            "--base-url",
            "http://127.0.0.1:" + server.getPort() + "/v1",
            "--model",
            "test-model",
            "--price-in",
            "1",
            "--price-out",
            "4",
            "--model-timeout",
            "6");

    assertThat(run.stdout() + run.stderr())
        .contains("no complete reply within the model timeout of 6s")
        .contains("--model-timeout");
    assertThat(server.getRequestCount()).isEqualTo(1); // no time was left for a retry
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberIsAClearError() {
    StringWriter err = new StringWriter();
    CommandLine cl = FrugalCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("ask", "--model-timeout", "0")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--model-timeout must be a positive number of seconds (e.g. 30 or 2.5), got 0.0");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
  void benchGivesEveryEpisodeTheModelTimeout() throws Exception {
    Path out = dir.resolve("bench-out");
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", "sk-timeout-test"),
            "bench",
            "--base-url",
            "http://127.0.0.1:" + server.getPort() + "/v1",
            "--model",
            "test-model",
            "--price-in",
            "1",
            "--price-out",
            "4",
            "--strategies",
            "react",
            "--budgets",
            "5",
            "--seeds",
            "1",
            "--limit",
            "1",
            "--threads",
            "1",
            "--out",
            out.toString(),
            "--model-timeout",
            "3");

    // the stalled call ended at 3 s and was not retried; the default (5 minutes) would hang here
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(java.nio.file.Files.readString(out.resolve("results.json")))
        .contains("\"questions\" : 1");
  }

  @Test
  void aBenchTimeoutThatIsNotAPositiveNumberIsAClearError() {
    StringWriter err = new StringWriter();
    CommandLine cl = FrugalCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("bench", "--model-timeout", "-1")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--model-timeout must be a positive number of seconds (e.g. 30 or 2.5), got -1.0");
  }
}
