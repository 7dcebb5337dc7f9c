package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Cap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How each way a run can end maps to {@code ./frugal ask}'s exit code and stderr. */
class AskExitCodeTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String stderr() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aStoreThatCannotBeReachedExitsFiveAndSaysSo() {
    int code =
        AskCommand.exitCode(
            new StopReason.BudgetStoreUnavailable("redis://127.0.0.1:1 refused the connection"),
            err);
    assertThat(code).isEqualTo(FrugalCli.EXIT_BUDGET_STORE).isEqualTo(5);
    assertThat(stderr()).contains("budget store failed").contains("refused the connection");
  }

  @Test
  void capsThatRanOutEndNormallyWithTheForcedAnswer() {
    assertThat(AskCommand.exitCode(new StopReason.Overshot(new Cap.TotalTokens()), err)).isZero();
    assertThat(AskCommand.exitCode(new StopReason.BudgetExhausted(new Cap.TotalTokens()), err))
        .isZero();
    assertThat(AskCommand.exitCode(new StopReason.MaxSteps(12), err)).isZero();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void modelFailureAndCancellationHaveTheirOwnCodes() {
    assertThat(AskCommand.exitCode(new StopReason.ModelFailure("HTTP 500"), err)).isEqualTo(3);
    assertThat(AskCommand.exitCode(new StopReason.Cancelled(), err)).isEqualTo(4);
    assertThat(stderr()).contains("the model failed: HTTP 500");
  }
}
