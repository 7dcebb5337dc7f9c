package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).tool("search", 0.001).build();

  static Spend search(long units) {
    return Spend.tool("search", units, PRICES);
  }

  @Test
  void reservesAgainstOutstandingReservationsAndNamesTheCapItRefuses() {
    Ledger l = Ledger.open(Budget.builder().toolUnits("search", 5).build());
    Reservation a = l.reserve(search(3));
    assertThatThrownBy(() -> l.reserve(search(3)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessage("budget refused: 3 of tool units of 'search' requested but only 2 of 5 remain")
        .satisfies(
            e ->
                assertThat(((BudgetExceededException) e).cap())
                    .isEqualTo(new Cap.ToolUnits("search")));
    a.release();
    Reservation b = l.reserve(search(5));
    b.settle(search(5));
    assertThat(l.snapshot().remaining(new Cap.ToolUnits("search"))).hasValue(0);
    assertThat(l.snapshot().usd()).isEqualTo(0.005);
  }

  @Test
  void settleOrReleaseEndsAReservationOnce() {
    Ledger l = Ledger.open(Budget.unlimited());
    Reservation r = l.reserve(search(1));
    r.settle(search(1));
    assertThat(r.isOpen()).isFalse();
    assertThatThrownBy(r::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already settled");
    assertThatThrownBy(() -> r.settle(search(1))).isInstanceOf(IllegalStateException.class);
    r.close(); // harmless after settle
    assertThat(l.snapshot().used().toolUnits()).containsEntry("search", 1L);
  }

  @Test
  void aSettleAboveItsEstimateIsRecordedAsOvershootAndRefusesEverythingAfter() {
    Ledger l = Ledger.open(Budget.builder().outputTokens(100).build());
    Reservation r = l.reserve(Spend.modelCall("m", 10, 0, 90, PRICES));
    r.settle(Spend.modelCall("m", 10, 0, 120, PRICES));
    LedgerSnapshot s = l.snapshot();
    assertThat(s.overshoot()).contains(new Cap.OutputTokens());
    assertThat(s.used().outputTokens()).isEqualTo(120);
    assertThat(s.remaining(new Cap.OutputTokens())).hasValue(0);
    assertThatThrownBy(() -> l.reserve(search(1)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("overshot the cap on output tokens");
  }

  @Test
  void childSpendingCountsAgainstTheParentAndBothCapsApply() {
    Ledger parent = Ledger.open(Budget.builder().toolUnits("search", 10).usd(1.0).build());
    Ledger a = parent.child(Budget.builder().toolUnits("search", 4).build());
    Ledger b = parent.child(Budget.builder().toolUnits("search", 8).build());
    a.reserve(search(4)).settle(search(4));
    assertThatThrownBy(() -> a.reserve(search(1))).isInstanceOf(BudgetExceededException.class);
    b.reserve(search(5)).settle(search(5));
    assertThatThrownBy(() -> b.reserve(search(2)))
        .hasMessage(
            "budget refused: 2 of tool units of 'search' requested but only 1 of 10 remain");
    assertThat(parent.snapshot().used().toolUnits()).containsEntry("search", 9L);
    assertThat(b.snapshot().used().toolUnits()).containsEntry("search", 5L);
    assertThat(b.headroom(new Cap.ToolUnits("search"))).hasValue(1);
  }

  @Test
  void closingReleasesLeakedReservationsAndRefusesNewOnes() {
    Ledger root = Ledger.open(Budget.builder().toolUnits("search", 10).build());
    Ledger child = root.child(Budget.unlimited());
    child.reserve(search(4)); // never settled nor released
    root.reserve(search(3));
    assertThat(root.snapshot().reserved().toolUnits()).containsEntry("search", 7L);
    root.close();
    assertThat(root.snapshot().reserved()).isEqualTo(Spend.ZERO);
    assertThat(root.snapshot().remaining(new Cap.ToolUnits("search"))).hasValue(10);
    assertThatThrownBy(() -> child.reserve(search(1))).hasMessageContaining("closed");
  }

  @Test
  void usdCapCountsTokensAndToolUnitsTogether() {
    Ledger l = Ledger.open(Budget.builder().usd(0.002).build());
    l.reserve(search(1)).settle(search(1)); // $0.001
    // 1000 input tokens at $1/M = $0.001: fits exactly
    l.reserve(Spend.modelCall("m", 1000, 0, 0, PRICES))
        .settle(Spend.modelCall("m", 1000, 0, 0, PRICES));
    assertThatThrownBy(() -> l.reserve(Spend.modelCall("m", 1, 0, 0, PRICES)))
        .isInstanceOf(BudgetExceededException.class)
        .satisfies(e -> assertThat(((BudgetExceededException) e).cap()).isEqualTo(new Cap.Usd()));
    assertThat(l.snapshot().usdByModel()).containsEntry("m", 0.001);
    assertThat(l.snapshot().usdByTool()).containsEntry("search", 0.001);
  }

  @Test
  void modelCallCapsCountCallsPerModel() {
    Ledger l = Ledger.open(Budget.builder().modelCalls("m", 1).build());
    l.reserve(Spend.modelCall("m", 1, 0, 1, PRICES)).settle(Spend.modelCall("m", 1, 0, 1, PRICES));
    assertThat(l.wouldExceed(Spend.modelCall("m", 1, 0, 1, PRICES)))
        .contains(new Cap.ModelCalls("m"));
  }
}
