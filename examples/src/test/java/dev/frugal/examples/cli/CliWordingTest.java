package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person reads from the CLI, run as {@code ./frugal} runs it (a child process on the
 * launcher's classpath): counts in the right number, help that breaks no word, a bad flag answered
 * with the error and a pointer to {@code --help}, and the run id and forced flag in {@code --json}.
 */
class CliWordingTest {
  @TempDir Path dir;

  @Test
  void oneStepReadsAsOneStep() {
    Terminal.Run run =
        Terminal.frugal(dir, Map.of(), "ask", "--max-steps", "1", AskCommand.EXAMPLE);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains(" after 1 step\n").doesNotContain("1 steps");
    assertThat(run.stdout()).doesNotContainPattern("\\(1 calls\\)|\\(1 units ");
  }

  @Test
  void helpBreaksNoFileNameAcrossLines() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "--help");

    assertThat(run.stdout()).contains("frontier.png");
  }

  @Test
  void aBadFlagPrintsTheErrorAndOneLinePointingAtHelp() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "ask", "--bogus");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().strip().split("\n"))
        .containsExactly(
            "Unknown option: '--bogus'",
            "Run 'frugal ask --help' for the options and what each accepts.");
  }

  @Test
  void jsonCarriesTheRunIdAndWhetherTheAnswerWasForced() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "ask", "--json", AskCommand.EXAMPLE);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .containsPattern("\"runId\" : \"[^\"]+\"")
        .containsPattern("\"forcedAnswer\" : (true|false)");
  }
}
