package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's input checks, late settles and the overshoot freeze. */
class LedgerHardeningTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).tool("search", 0.001).build();
  static final long HALF = Long.MAX_VALUE / 2 + 1;

  static Spend search(long units) {
    return Spend.tool("search", units, PRICES);
  }

  static Spend tokens(long in, long out) {
    return new Spend(in, 0, out, Map.of(), Map.of(), Map.of(), Map.of());
  }

  @Test
  void negativeAmountsAreRejectedWhenASpendIsBuilt() {
    assertThatThrownBy(() -> tokens(-5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Spend.inputTokens must be >= 0 (an amount spent or reserved), got -5");
    assertThatThrownBy(() -> tokens(0, -1)).hasMessageContaining("Spend.outputTokens must be >= 0");
    assertThatThrownBy(() -> Spend.tool("search", -3, PRICES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toolUnits['search'] must be >= 0");
    assertThatThrownBy(
            () -> new Spend(0, 0, 0, Map.of(), Map.of(), Map.of("m", -1_000_000L), Map.of()))
        .hasMessageContaining("Spend.modelPicos['m'] must be >= 0");
  }

  @Test
  void aNegativeSettleCannotCreateHeadroom() {
    Ledger l = Ledger.open(Budget.builder().toolUnits("search", 2).build());
    Reservation r = l.reserve(search(2));
    assertThatThrownBy(() -> r.settle(search(-5))).isInstanceOf(IllegalArgumentException.class);
    r.settle(search(2));
    assertThat(l.wouldExceed(search(1))).contains(new Cap.ToolUnits("search"));
  }

  @Test
  void totalsThatWouldOverflowAreRejectedNotGranted() {
    Ledger l = Ledger.open(Budget.builder().totalTokens(1000).build());
    assertThatThrownBy(() -> l.reserve(tokens(HALF, HALF)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputTokens + outputTokens overflows a long");
    assertThatThrownBy(() -> Spend.modelCall("m", HALF, 0, HALF, PRICES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Spend.tool("search", Long.MAX_VALUE / 2, PRICES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost more pico-dollars than a long holds");
    assertThat(l.snapshot().reserved()).isEqualTo(Spend.ZERO);
    assertThat(l.snapshot().used()).isEqualTo(Spend.ZERO);
  }

  @Test
  void runningTotalsSaturateInsteadOfWrappingToNegative() {
    Ledger root = Ledger.open(Budget.builder().inputTokens(10).build());
    Ledger free = root.child(Budget.unlimited());
    Spend big = tokens(Long.MAX_VALUE - 1, 0);
    free.record(big);
    free.record(big); // would wrap to a negative total and create headroom
    LedgerSnapshot s = root.snapshot();
    assertThat(s.used().inputTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(s.used().totalTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(s.remaining(new Cap.InputTokens())).hasValue(0);
    assertThatThrownBy(() -> free.reserve(tokens(1, 0)))
        .isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void dollarTotalsSaturateAndASnapshotStillAddsUp() {
    Ledger l = Ledger.open(Budget.builder().usd(1).toolUnits("m", 5).build());
    long big = Long.MAX_VALUE - 5;
    // a tool and a model that share a name are separate totals
    l.record(new Spend(0, 0, 0, Map.of(), Map.of("m", 1L), Map.of("m", big), Map.of()));
    l.record(new Spend(0, 0, 0, Map.of("m", 2L), Map.of(), Map.of(), Map.of("m", big)));
    Spend used = l.snapshot().used();
    assertThat(used.picos()).isEqualTo(Long.MAX_VALUE);
    assertThat(used.modelPicos()).containsExactly(Map.entry("m", big));
    assertThat(used.toolPicos()).containsExactly(Map.entry("m", 5L)); // what MAX leaves over
    assertThat(used.modelCalls()).containsExactly(Map.entry("m", 1L));
    assertThat(used.toolUnits()).containsExactly(Map.entry("m", 2L));
    assertThat(l.headroom(new Cap.Usd())).hasValue(0);
    assertThat(l.headroom(new Cap.ToolUnits("m"))).hasValue(3);
    assertThatThrownBy(() -> l.reserve(search(1))).isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void aReservationThatWouldOverflowTheReservedTotalsIsRefused() {
    Ledger l = Ledger.open(Budget.unlimited());
    Reservation a = l.reserve(tokens(Long.MAX_VALUE - 10, 0));
    assertThatThrownBy(() -> l.reserve(tokens(20, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved totals would overflow");
    a.release();
    assertThat(l.snapshot().reserved()).isEqualTo(Spend.ZERO);
  }

  @Test
  void aSettleAfterCloseIsRecordedNotLost() {
    Ledger root = Ledger.open(Budget.builder().toolUnits("search", 10).build());
    Ledger child = root.child(Budget.unlimited());
    Reservation inFlight = child.reserve(search(3));
    Reservation failed = root.reserve(search(1));
    root.close(); // the run ended while two calls were still in flight
    assertThat(root.snapshot().reserved()).isEqualTo(Spend.ZERO);

    inFlight.settle(search(3)); // the call finished after all: its spend must be on the books
    failed.release(); // nothing to give back any more, and no error either
    assertThat(root.snapshot().used().toolUnits()).containsEntry("search", 3L);
    assertThat(child.snapshot().used().toolUnits()).containsEntry("search", 3L);
    assertThat(root.snapshot().reserved()).isEqualTo(Spend.ZERO);
    assertThatThrownBy(() -> inFlight.settle(search(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already settled");
    assertThatThrownBy(() -> root.reserve(search(1))).hasMessageContaining("closed");
  }

  @Test
  void anOvershootInAChildFreezesTheRootItsSiblingsAndTheirChildren() {
    Ledger root = Ledger.open(Budget.builder().outputTokens(10_000).toolUnits("search", 9).build());
    Ledger a = root.child(Budget.builder().outputTokens(100).build());
    Ledger b = root.child(Budget.unlimited());
    Ledger bChild = b.child(Budget.unlimited());
    Reservation inFlight = b.reserve(search(2));

    // the provider bills 120 output tokens although 90 was the most it was allowed
    a.reserve(Spend.modelCall("m", 10, 0, 90, PRICES))
        .settle(Spend.modelCall("m", 10, 0, 120, PRICES));

    assertThat(root.snapshot().used().outputTokens()).isEqualTo(120); // well under the root's cap
    for (Ledger l : new Ledger[] {root, a, b, bChild, b.child(Budget.unlimited())}) {
      assertThat(l.snapshot().overshoot()).contains(new Cap.OutputTokens());
      assertThatThrownBy(() -> l.reserve(search(1)))
          .isInstanceOf(BudgetExceededException.class)
          .hasMessageContaining("overshot the cap on output tokens");
      assertThat(l.wouldExceed(search(1))).contains(new Cap.OutputTokens());
    }
    inFlight.settle(search(2)); // granted before the overshoot: still settles
    assertThat(root.snapshot().used().toolUnits()).containsEntry("search", 2L);
  }
}
