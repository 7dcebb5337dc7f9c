package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./frugal ask --model-timeout}, run as a separate process the way users run it, against a
 * local server on 127.0.0.1 that accepts the request and never answers.
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
        frugalAgainstTheServer(
            "ask", "Who played Corliss Archer in Kiss and Tell?", "--model-timeout", "6");

    assertThat(run.stdout() + run.stderr())
        .contains("no complete reply within the model timeout of 6s")
        .contains("--model-timeout");
    assertThat(server.getRequestCount()).isEqualTo(1); // no time was left for a retry
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberIsAClearError() {
    FrugalCliTest.Run run = FrugalCliTest.run("ask", "--model-timeout", "0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("--model-timeout must be a positive number of seconds (e.g. 30 or 2.5), got 0.0");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
  void benchGivesEveryEpisodeTheModelTimeout() throws Exception {
    Path out = dir.resolve("bench-out");
    Terminal.Run run =
        frugalAgainstTheServer(
            "bench",
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
            "10");

    // the stalled call ended at 10 s and was not retried; the default (5 minutes) would hang here.
    // (10 s, not less: on a loaded 2-core machine the first call of a fresh JVM can take seconds
    // to reach the server, and a deadline that ends before it is sent leaves nothing to count)
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(java.nio.file.Files.readString(out.resolve("results.json")))
        .contains("\"questions\" : 1");
  }

  @Test
  void aBenchTimeoutThatIsNotAPositiveNumberIsAClearError() {
    FrugalCliTest.Run run = FrugalCliTest.run("bench", "--model-timeout", "-1");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--model-timeout must be a positive number of seconds (e.g. 30 or 2.5), got -1.0");
  }

  /**
   * {@code ./frugal COMMAND} in its own process against the stalling server: the model flags (base
   * URL, model, prices), then {@code rest}.
   */
  private Terminal.Run frugalAgainstTheServer(String command, String... rest) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--base-url",
                "http://127.0.0.1:" + server.getPort() + "/v1",
                "--model",
                "test-model",
                "--price-in",
                "1",
                "--price-out",
                "4"));
    args.addAll(List.of(rest));
    return Terminal.frugal(
        dir, Map.of("FRUGAL_API_KEY", "sk-timeout-test"), args.toArray(String[]::new));
  }
}
