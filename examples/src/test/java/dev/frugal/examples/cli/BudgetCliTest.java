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
