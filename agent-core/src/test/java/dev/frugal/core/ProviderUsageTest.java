package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunEvent;
import org.junit.jupiter.api.Test;

/**
 * Usage a provider reports is checked before it is charged, and a provider billing beyond what was
 * reserved stops every further paid call.
 */
class ProviderUsageTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();

  static Agent agent(ScriptedChatModel model, Budget budget) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .budget(budget)
        .budgetTracker(false)
        .build();
  }

  @Test
  void negativeUsageIsAModelFailureAndNeverACredit() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("x").thenAnswer("x");
    model.inputTokens = -1_000_000;
    RunResult r = agent(model, Budget.builder().usd(1.0).build()).run("q?");

    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.stopReason().describe())
        .contains("impossible usage: negative token counts (input -1000000")
        .contains("charged its reserved estimate");
    assertThat(model.requests).hasSize(1); // not retried
    assertThat(r.usd()).isPositive(); // the reserved estimate, not a credit
    assertThat(r.inputTokens()).isPositive();
    assertThat(r.answer()).isEmpty();
  }

  @Test
  void absurdUsageIsAModelFailureToo() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("x");
    model.outputTokens = 2_000_000_000;
    RunResult r = agent(model, Budget.unlimited()).run("q?");

    assertThat(r.stopReason().describe()).contains("implausible token counts");
    assertThat(r.outputTokens()).isLessThanOrEqualTo(1024); // the estimate: max_tokens sent
  }

  @Test
  void afterAProviderBillsBeyondItsReservationNoFurtherPaidCallIsMade() {
    // $0.01 cap, $0.009 of it for work: the first reply bills 2,300 output tokens ($0.0092)
    // although
    // the most the budget allowed was fewer. The working budget is overshot (the run's is not).
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenAnswer("a forced answer that must not be asked for");
    model.outputTokens = 2_300;
    RunResult r = agent(model, Budget.builder().usd(0.01).build()).run("q?");

    assertThat(model.requests).hasSize(1); // no tool-then-model, no forced final answer
    assertThat(r.stopReason().describe())
        .isEqualTo(
            "budget overshot: a provider billed beyond what was reserved, USD went over its"
                + " limit; no further paid call was made (no forced final answer)");
    assertThat(r.answer()).isEmpty();
    assertThat(r.forcedAnswer()).isFalse();
    assertThat(r.usd())
        .isEqualTo(50 * 1e-6 + 2_300 * 4e-6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.ledger().overshoot()).contains(new Cap.Usd());
    assertThat(r.trace())
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(RunEvent.Refused.class);
              assertThat(((RunEvent.Refused) e).what()).isEqualTo("final answer");
            });
  }
}
