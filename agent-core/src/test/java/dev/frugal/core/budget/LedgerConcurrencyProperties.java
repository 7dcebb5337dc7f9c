package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The ledger's central promise, checked on random workloads: no cap is ever overspent. */
class LedgerConcurrencyProperties {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(3.0, 15.0)).tool("search", 0.001).build();

  @Property(tries = 60)
  void concurrentReservationsNeverOverspendAnyCap(
      @ForAll @IntRange(min = 0, max = 40) int searchCap,
      @ForAll @IntRange(min = 0, max = 5000) int tokenCap,
      @ForAll @IntRange(min = 1, max = 20_000) int microDollarCap,
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 400) Integer> sizes,
      @ForAll @IntRange(min = 2, max = 6) int threads)
      throws Exception {
    Budget budget =
        Budget.builder()
            .toolUnits("search", searchCap)
            .totalTokens(tokenCap)
            .usd(microDollarCap / 1e6)
            .modelCalls("m", 15)
            .build();
    Ledger root = Ledger.open(budget);
    List<Ledger> ledgers =
        List.of(
            root,
            root.child(Budget.unlimited()),
            root.child(Budget.builder().toolUnits("search", searchCap / 2).build()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sizes.size(); i++) {
        int n = sizes.get(i);
        Ledger l = ledgers.get(i % ledgers.size());
        int kind = i % 3;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  Spend est =
                      kind == 0
                          ? Spend.tool("search", n % 7, PRICES)
                          : Spend.modelCall("m", n, 0, n / 4 + 1, PRICES);
                  try {
                    Reservation r = l.reserve(est);
                    if (kind == 2) {
                      r.release(); // a failed call
                    } else {
                      r.settle(est);
                    }
                  } catch (BudgetExceededException refused) {
                    // refused before spending: fine
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    LedgerSnapshot s = root.snapshot();
    for (Map.Entry<Cap, Long> cap : budget.caps().entrySet()) {
      assertThat(s.used().amount(cap.getKey()))
          .as("spent on %s", cap.getKey().describe())
          .isLessThanOrEqualTo(cap.getValue());
    }
    assertThat(s.reserved()).isEqualTo(Spend.ZERO);
    assertThat(s.overshoot()).isEmpty();
  }
}
