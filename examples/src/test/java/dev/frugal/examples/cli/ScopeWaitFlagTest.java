package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask --scope-wait DURATION} in its own process: a valid wait is given to the shared
 * scopes (against a real Redis, {@code FRUGAL_TEST_REDIS_URL}), a malformed one is refused before
 * any work with a message showing valid values.
 */
class ScopeWaitFlagTest {
  @TempDir Path dir;

  @Test
  void aMalformedWaitIsRefusedWithExamples() {
    Terminal.Run ask =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--budget-store",
            "redis://127.0.0.1:1",
            "--scope",
            "user:alice/month,usd=0.0025",
            "--scope-wait",
            "soon");
    assertThat(ask.exitCode()).as(ask.stderr()).isEqualTo(2);
    assertThat(ask.stderr())
        .contains("--scope-wait 'soon' is not a duration")
        .contains("e.g. 30s, 500ms or 2m");
  }

  @Test
  void aWaitWithoutScopesSaysWhatItNeeds() {
    Terminal.Run ask =
        Terminal.frugal(dir, Map.of(), "ask", AskCommand.EXAMPLE, "--scope-wait", "5s");
    assertThat(ask.exitCode()).as(ask.stderr()).isEqualTo(2);
    assertThat(ask.stderr()).contains("--scope-wait needs --budget-store");
  }

  @Test
  void aRunWithAWaitDrawsFromTheScope() throws Exception {
    String url = BudgetCliTest.redisUrl();
    String scope = "user:wait" + Long.toHexString(System.nanoTime()) + "/month";
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
            scope + ",usd=1",
            "--scope-wait",
            "5s");
    assertThat(ask.exitCode()).as(ask.stderr()).isZero();
    JsonNode r = new ObjectMapper().readTree(ask.stdout());
    assertThat(r.get("answer").isNull()).isFalse();
  }

  @Test
  void durationsParse() {
    assertThat(SharedBudgetOptions.parseWait("30s")).hasSeconds(30);
    assertThat(SharedBudgetOptions.parseWait("500ms")).hasMillis(500);
    assertThat(SharedBudgetOptions.parseWait("2m")).hasMinutes(2);
    assertThat(SharedBudgetOptions.parseWait("0")).isZero();
  }
}
