package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask --budget-store} and {@code frugal budget show|reset} in their own processes
 * against a real Redis ({@code FRUGAL_TEST_REDIS_URL}, started by {@code .ci/redis}): two runs draw
 * from one shared scope, and the scope's books hold exactly what both spent.
 */
class BudgetCliTest {
  @TempDir Path dir;

  static String redisUrl() {
    String url = System.getenv("FRUGAL_TEST_REDIS_URL");
    if (url == null || url.isBlank()) {
      String msg =
          "FRUGAL_TEST_REDIS_URL is not set: run through .ci/run, or start redis-server and set"
              + " FRUGAL_TEST_REDIS_URL=redis://127.0.0.1:PORT";
      if ("true".equals(System.getenv("CI"))) throw new AssertionError(msg);
      Assumptions.abort(msg);
    }
    return url;
  }

  @Test
  void twoAsksDrawFromOneScopeAndBudgetShowAddsThemUp() throws Exception {
    String url = redisUrl();
    String scope = "tenant:cli" + Long.toHexString(System.nanoTime()) + "/day";
    double total = 0;
    for (int i = 0; i < 2; i++) {
      Terminal.Run ask =
          Terminal.frugal(
              dir,
              Map.of(),
              "ask",
              AskCommand.EXAMPLE,
              "--json",
              "--budget-store",
              url,
              "--scope",
              scope + ",usd=1,tool.search=100");
      assertThat(ask.exitCode()).as(ask.stderr()).isZero();
      JsonNode r = new ObjectMapper().readTree(ask.stdout());
      assertThat(r.get("stopReason").asText()).doesNotStartWith("budget store unavailable");
      total += r.get("usd").asDouble();
    }
    Terminal.Run show =
        Terminal.frugal(dir, Map.of(), "budget", "show", scope, "--budget-store", url);
    assertThat(show.exitCode()).as(show.stderr()).isZero();
    assertThat(show.stdout())
        .contains("scope " + scope + ", window ")
        .contains(String.format(java.util.Locale.ROOT, "used: $%.6f,", total))
        .containsPattern("USD +\\$1\\.000000 +\\$0\\.\\d{6} +\\$0\\.000000 +\\$0\\.\\d{6}\n");

    Terminal.Run reset =
        Terminal.frugal(dir, Map.of(), "budget", "reset", scope, "--budget-store", url);
    assertThat(reset.exitCode()).as(reset.stderr()).isZero();
    assertThat(reset.stdout()).contains("used: $0.000000,");
  }

  @Test
  void theOperatorSetsAScopesCapsAndAClientCannotRaiseThem() throws Exception {
    String url = redisUrl();
    String scope = "tenant:sJ" + Long.toHexString(System.nanoTime()) + "/day";
    Path journal = dir.resolve("journal");
    Terminal.Run tiny =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--budget-store",
            url,
            "--scope",
            scope + ",usd=0.0001",
            "--budget-journal",
            journal.toString());
    assertThat(tiny.exitCode()).as(tiny.stderr()).isZero();
    // a client naming a higher cap for the existing scope fails closed, quoting the stored caps
    Terminal.Run raise =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--budget-store",
            url,
            "--scope",
            scope + ",usd=5",
            "--budget-journal",
            journal.toString());
    assertThat(raise.exitCode()).as(raise.stdout() + raise.stderr()).isEqualTo(5);
    assertThat(raise.stderr())
        .contains("shared budget " + scope)
        .contains("has the caps usd=0.000100; this run's --scope raises usd=5.000000")
        .contains("frugal budget set " + scope + ",CAP=LIMIT");
    // the operator writes the caps; then the client's lower caps are its own business
    Terminal.Run set =
        Terminal.frugal(dir, Map.of(), "budget", "set", scope + ",usd=5", "--budget-store", url);
    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(set.stdout()).containsPattern("USD +\\$5\\.000000 ");
    Terminal.Run lower =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--json",
            "--budget-store",
            url,
            "--scope",
            scope + ",usd=1",
            "--budget-journal",
            journal.toString());
    assertThat(lower.exitCode()).as(lower.stderr()).isZero();
    assertThat(new ObjectMapper().readTree(lower.stdout()).get("stopReason").asText())
        .isEqualTo("answered");
    Terminal.Run show =
        Terminal.frugal(dir, Map.of(), "budget", "show", scope, "--budget-store", url);
    assertThat(show.stdout()).containsPattern("USD +\\$5\\.000000 ");
    // a cap key naming no tool of the run is bad input
    Terminal.Run typo =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--budget-store",
            url,
            "--scope",
            scope + ",tool.serch=1",
            "--budget-journal",
            journal.toString());
    assertThat(typo.exitCode()).as(typo.stderr()).isEqualTo(2);
    assertThat(typo.stderr()).contains("unknown cap key 'tool.serch'").contains("search");
  }

  @Test
  void aRedisPasswordIsNeverPrintedAndARefusedOneIsTheStoresFault() throws Exception {
    String binary = System.getenv("FRUGAL_TEST_REDIS_SERVER");
    if (binary == null || binary.isBlank()) {
      String msg = "FRUGAL_TEST_REDIS_SERVER is not set: run through .ci/run";
      if ("true".equals(System.getenv("CI"))) throw new AssertionError(msg);
      Assumptions.abort(msg);
    }
    int port;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Process redis =
        new ProcessBuilder(
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                "" + port,
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                "s3cretPassw0rd",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    try {
      Thread.sleep(500);
      String scope = "tenant:pw" + Long.toHexString(System.nanoTime()) + "/day,usd=1";
      String good = "redis://default:s3cretPassw0rd@127.0.0.1:" + port;
      Path trace = dir.resolve("trace.jsonl");
      Terminal.Run ok =
          Terminal.frugal(
              dir,
              Map.of(),
              "ask",
              AskCommand.EXAMPLE,
              "--json",
              "--budget-store",
              good,
              "--scope",
              scope,
              "--trace",
              trace.toString(),
              "--budget-journal",
              dir.resolve("j").toString());
      assertThat(ok.exitCode()).as(ok.stderr()).isZero();
      Terminal.Run show =
          Terminal.frugal(dir, Map.of(), "budget", "show", scope, "--budget-store", good);
      assertThat(show.exitCode()).as(show.stderr()).isZero();
      assertThat(show.stdout()).contains("store redis://***@127.0.0.1:" + port);
      String wrong = "redis://default:wr0ngPassw0rd@127.0.0.1:" + port;
      Terminal.Run refused =
          Terminal.frugal(
              dir,
              Map.of(),
              "ask",
              AskCommand.EXAMPLE,
              "--json",
              "--budget-store",
              wrong,
              "--scope",
              scope,
              "--budget-journal",
              dir.resolve("j").toString());
      assertThat(refused.exitCode()).as(refused.stdout() + refused.stderr()).isEqualTo(5);
      assertThat(refused.stderr())
          .contains("frugal: the budget store failed: budget store redis://***@127.0.0.1:")
          .contains("refused the credentials")
          .doesNotContain("model failed");
      Terminal.Run showRefused =
          Terminal.frugal(dir, Map.of(), "budget", "show", scope, "--budget-store", wrong);
      assertThat(showRefused.exitCode()).as(showRefused.stderr()).isEqualTo(5);
      assertThat(showRefused.stderr())
          .startsWith("frugal: budget store redis://***@127.0.0.1:")
          .contains("refused the credentials")
          .doesNotContain("\tat ");
      String everything =
          ok.stdout()
              + ok.stderr()
              + show.stdout()
              + show.stderr()
              + refused.stdout()
              + refused.stderr()
              + showRefused.stdout()
              + showRefused.stderr()
              + java.nio.file.Files.readString(trace);
      assertThat(everything).doesNotContain("s3cretPassw0rd").doesNotContain("wr0ngPassw0rd");
    } finally {
      redis.destroyForcibly();
    }
  }

  @Test
  void whenTheStoreFailsBetweenStepsTheMessageAndHelpSayWhatWasSpent() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(bytes, true);
    int code =
        AskCommand.exitCode(
            new dev.frugal.core.StopReason.BudgetStoreUnavailable("budget store x is unreachable"),
            err,
            0.001054);
    assertThat(code).isEqualTo(5);
    assertThat(bytes.toString())
        .contains("no call was made after that, and the $0.001054 spent before it is charged")
        .doesNotContain("nothing was spent");
    Terminal.Run help = Terminal.frugal(dir, Map.of(), "ask", "--help");
    assertThat(help.stdout().replaceAll("\\s+", " "))
        .contains("calls made before it are charged and shown under Cost:")
        .doesNotContain("nothing was spent");
    Terminal.Run top = Terminal.frugal(dir, Map.of(), "--help");
    assertThat(top.stdout() + top.stderr()).doesNotContain("nothing was spent");
  }

  @Test
  void aBadScopeOrStoreSaysWhatWouldBeValid() {
    Terminal.Run bad =
        Terminal.frugal(
            dir,
            Map.of(),
            "budget",
            "show",
            "tenant:x/day,euros=5",
            "--budget-store",
            "redis://h:1");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .contains("--scope 'tenant:x/day,euros=5': unknown cap 'euros'; expected NAME/WINDOW");
    Terminal.Run url =
        Terminal.frugal(dir, Map.of(), "budget", "show", "tenant:x/day", "--budget-store", "h:1");
    assertThat(url.exitCode()).isEqualTo(2);
    assertThat(url.stderr()).contains("budget store URL must look like redis://host:port");
  }
}
