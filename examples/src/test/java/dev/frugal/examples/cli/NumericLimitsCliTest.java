package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Numbers beyond what the CLI can honour are refused up front with exit 2, naming the flag, what
 * was given and what would be valid, instead of failing later or being changed silently.
 */
class NumericLimitsCliTest {
  @Test
  void aModelTimeoutBeyondAYearIsRefused() {
    FrugalCliTest.Run run = FrugalCliTest.run("ask", "--model-timeout", "1e12", "q");
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("--model-timeout must be a positive number of seconds")
        .contains("got 1.0E12; the most is 31536000 (a year)");
  }

  @Test
  void aPriceBeyondADollarPerTokenIsRefusedBeforeAnythingIsSent() {
    FrugalCliTest.Run run =
        FrugalCliTest.run(
            "ask",
            "--model",
            "m",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--price-in",
            "1e13",
            "q");
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("--price-in must be a price from 0 to 1000000 USD per 1M tokens")
        .contains("got 1.0E13");
  }

  @Test
  void aDollarCapBeyondWhatIsKeptExactlyIsRefusedNotClamped() {
    FrugalCliTest.Run run =
        FrugalCliTest.run(
            "ask",
            "--budget-store",
            "redis://127.0.0.1:9",
            "--scope",
            "sA/day,usd=1e300",
            AskCommand.EXAMPLE);
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("--scope 'sA/day,usd=1e300'")
        .contains("usd must be at most 9223372.036854775807 dollars")
        .contains("got 1.0E300");
  }

  @Test
  void aCapGivenTwiceIsRefusedNotOverwritten() {
    FrugalCliTest.Run run =
        FrugalCliTest.run(
            "ask",
            "--budget-store",
            "redis://127.0.0.1:9",
            "--scope",
            "sA/day,usd=1,usd=5",
            AskCommand.EXAMPLE);
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("cap 'usd' is given twice; give each cap once");
  }
}
