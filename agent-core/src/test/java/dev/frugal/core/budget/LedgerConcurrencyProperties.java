package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The ledger's central promise, checked on random workloads from fixed seeds (plain JUnit 5: a
 * failure names its seed, and {@code -Dfrugal.seed=N} reruns just that one): no cap is ever
 * overspent under concurrency. The same property run against a deliberately non-atomic reserve (a
 * test-only mutant) must fail, which shows the property can catch a race at all.
 */
class LedgerConcurrencyProperties {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(3.0, 15.0)).tool("search", 0.001).build();
  static final long BASE_SEED = 0x5EED_1ED6L;

  /** How a workload thread reserves: the real ledger, or a mutant. */
  interface Reserve {
    Reservation on(Ledger ledger, Spend estimate) throws InterruptedException;
  }

  static List<Long> seeds(int tries) {
    String one = System.getProperty("frugal.seed");
    if (one != null) return List.of(Long.parseLong(one));
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < tries; i++) out.add(BASE_SEED + i);
    return out;
  }

  @Test
  void concurrentReservationsNeverOverspendAnyCap() throws Exception {
    for (long seed : seeds(60)) {
      Optional<String> broken = concurrentWorkload(seed, Ledger::reserve);
      assertThat(broken).as("seed %d (rerun with -Dfrugal.seed=%d)", seed, seed).isEmpty();
    }
  }

  /**
   * The mutant: the same check and the same bookkeeping as the ledger, but not atomic (check, then
   * act). The property above must catch it on some seed, or it could not catch a real race either.
   */
  @Test
  void theConcurrencyPropertyFailsOnANonAtomicReserve() throws Exception {
    Reserve checkThenAct =
        (ledger, estimate) -> {
          Optional<Cap> refused = ledger.wouldExceed(estimate);
          if (refused.isPresent()) throw new BudgetExceededException(refused.get(), "refused");
          Thread.sleep(1); // widens the window a real race would hit only now and then
          ledger.record(estimate); // spends without re-checking
          return new Recorded(estimate);
        };
    List<String> caught = new ArrayList<>();
    for (long seed : seeds(60)) {
      concurrentWorkload(seed, checkThenAct).ifPresent(caught::add);
    }
    assertThat(caught).as("violations the property found in the non-atomic mutant").isNotEmpty();
  }

  /** Runs one random concurrent workload; returns the first violated promise, if any. */
  static Optional<String> concurrentWorkload(long seed, Reserve reserve) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int searchCap = rnd.nextInt(0, 41);
    int tokenCap = rnd.nextInt(0, 5001);
    int microDollarCap = rnd.nextInt(1, 20_001);
    int threads = rnd.nextInt(2, 7);
    int ops = rnd.nextInt(1, 121);
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
      for (int i = 0; i < ops; i++) {
        int n = rnd.nextInt(0, 401);
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
                    Reservation r = reserve.on(l, est);
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
      long spent = s.used().amount(cap.getKey());
      if (spent > cap.getValue()) {
        return Optional.of(
            "seed "
                + seed
                + ": "
                + spent
                + " spent on "
                + cap.getKey().describe()
                + " > cap "
                + cap.getValue());
      }
    }
    if (!s.reserved().equals(Spend.ZERO))
      return Optional.of("seed " + seed + ": reservations left");
    if (s.overshoot().isPresent())
      return Optional.of("seed " + seed + ": overshoot " + s.overshoot());
    return Optional.empty();
  }

  /** The mutant's reservation: already recorded as spent; settle and release change nothing. */
  private record Recorded(Spend estimate) implements Reservation {
    @Override
    public void settle(Spend actual) {}

    @Override
    public void release() {}

    @Override
    public boolean isOpen() {
      return false;
    }

    @Override
    public void close() {}
  }

  /**
   * Random sequences of reserve, settle (also above the estimate), release, late settles after
   * close, and amounts that must be rejected, on a tree of four ledgers, checked step by step
   * against a reference model: a reservation is granted exactly when the model says it fits, after
   * the first overshoot nothing anywhere in the tree is granted, every settle (late ones included)
   * is on the books, and a rejected amount changes nothing.
   */
  @Test
  void everyOperationAgreesWithAReferenceModel() {
    for (long seed : seeds(200)) {
      new ModelCheck(seed).run();
    }
  }

  private static final class ModelCheck {
    final long seed;
    final SplittableRandom rnd;
    final Budget rootBudget;
    final Ledger root;
    final List<Ledger> ledgers = new ArrayList<>();
    final List<Integer> parentOf = new ArrayList<>();
    final List<Spend> used = new ArrayList<>();
    final List<Spend> reserved = new ArrayList<>();
    final List<Open> open = new ArrayList<>();
    final List<Open> closedInFlight = new ArrayList<>();
    boolean frozen;
    boolean closed;

    record Open(int ledger, Spend estimate, Reservation reservation) {}

    ModelCheck(long seed) {
      this.seed = seed;
      this.rnd = new SplittableRandom(seed);
      rootBudget = randomBudget(true);
      root = Ledger.open(rootBudget);
      add(root, -1);
      add(root.child(randomBudget(false)), 0);
      add(root.child(randomBudget(false)), 0);
      add(ledgers.get(2).child(randomBudget(false)), 2);
    }

    void add(Ledger l, int parent) {
      ledgers.add(l);
      parentOf.add(parent);
      used.add(Spend.ZERO);
      reserved.add(Spend.ZERO);
    }

    Budget randomBudget(boolean rootLevel) {
      Budget.Builder b = Budget.builder();
      if (rootLevel || rnd.nextBoolean()) b.toolUnits("search", rnd.nextInt(0, 30));
      if (rootLevel || rnd.nextBoolean()) b.outputTokens(rnd.nextInt(0, 3000));
      if (rnd.nextBoolean()) b.totalTokens(rnd.nextInt(0, 6000));
      if (rnd.nextBoolean()) b.usd(rnd.nextInt(1, 20_000) / 1e6);
      return b.build();
    }

    Spend randomSpend() {
      return rnd.nextBoolean()
          ? Spend.tool("search", rnd.nextInt(0, 6), PRICES)
          : Spend.modelCall("m", rnd.nextInt(0, 800), 0, rnd.nextInt(0, 400), PRICES);
    }

    String at(int step) {
      return "seed " + seed + " step " + step + " (rerun with -Dfrugal.seed=" + seed + ")";
    }

    void run() {
      int steps = rnd.nextInt(10, 80);
      int closeAt = rnd.nextInt(0, 4) == 0 ? rnd.nextInt(0, steps) : -1;
      for (int step = 0; step < steps; step++) {
        if (step == closeAt) closeAll();
        int op = rnd.nextInt(0, 10);
        if (op < 5) reserve(step);
        else if (op < 8) endOne(step);
        else if (op < 9) lateSettle(step);
        else rejectBadAmount(step);
        checkBooks(step);
      }
    }

    void reserve(int step) {
      int i = rnd.nextInt(0, ledgers.size());
      Spend est = randomSpend();
      boolean expected = !closed && !frozen && fits(i, est);
      Reservation r = null;
      try {
        r = ledgers.get(i).reserve(est);
      } catch (BudgetExceededException refused) {
        // compared below
      }
      assertThat(r != null)
          .as("%s: reserve %s on ledger %d granted", at(step), est, i)
          .isEqualTo(expected);
      if (r == null) return;
      for (int l = i; l >= 0; l = parentOf.get(l)) reserved.set(l, reserved.get(l).plus(est));
      open.add(new Open(i, est, r));
    }

    boolean fits(int i, Spend est) {
      for (int l = i; l >= 0; l = parentOf.get(l)) {
        for (Map.Entry<Cap, Long> c : ledgers.get(l).budget().caps().entrySet()) {
          long want = est.amount(c.getKey());
          if (want == 0) continue;
          long left =
              c.getValue() - used.get(l).amount(c.getKey()) - reserved.get(l).amount(c.getKey());
          if (want > left) return false;
        }
      }
      return true;
    }

    void endOne(int step) {
      if (open.isEmpty()) return;
      Open o = open.remove(rnd.nextInt(0, open.size()));
      for (int l = o.ledger; l >= 0; l = parentOf.get(l)) {
        reserved.set(l, reserved.get(l).minus(o.estimate));
      }
      if (rnd.nextInt(0, 3) == 0) {
        o.reservation.release();
      } else {
        // sometimes the provider bills more than was reserved
        Spend actual = rnd.nextInt(0, 4) == 0 ? o.estimate.plus(randomSpend()) : o.estimate;
        o.reservation.settle(actual);
        spend(o.ledger, actual);
      }
    }

    void lateSettle(int step) {
      if (closedInFlight.isEmpty()) return;
      Open o = closedInFlight.remove(rnd.nextInt(0, closedInFlight.size()));
      if (rnd.nextBoolean()) {
        o.reservation.release();
      } else {
        o.reservation.settle(o.estimate);
        spend(o.ledger, o.estimate);
      }
    }

    void spend(int ledger, Spend actual) {
      for (int l = ledger; l >= 0; l = parentOf.get(l)) {
        used.set(l, used.get(l).plus(actual));
        for (Map.Entry<Cap, Long> c : ledgers.get(l).budget().caps().entrySet()) {
          if (used.get(l).amount(c.getKey()) > c.getValue()) frozen = true;
        }
      }
    }

    void closeAll() {
      root.close();
      closed = true;
      closedInFlight.addAll(open);
      open.clear();
      for (int l = 0; l < ledgers.size(); l++) reserved.set(l, Spend.ZERO);
    }

    void rejectBadAmount(int step) {
      LedgerSnapshot before = root.snapshot();
      long big = Long.MAX_VALUE / 2 + 1 + rnd.nextInt(0, 1000);
      Runnable bad =
          switch (rnd.nextInt(0, 4)) {
            case 0 ->
                () ->
                    new Spend(
                        -1 - rnd.nextInt(0, 100), 0, 0, Map.of(), Map.of(), Map.of(), Map.of());
            case 1 -> () -> new Spend(big, 0, big, Map.of(), Map.of(), Map.of(), Map.of());
            case 2 -> () -> Spend.tool("search", -1 - rnd.nextInt(0, 100), PRICES);
            default -> () -> Spend.modelCall("m", big, 0, big, PRICES);
          };
      try {
        bad.run();
        throw new AssertionError(at(step) + ": a negative or overflowing amount was accepted");
      } catch (IllegalArgumentException expected) {
        // rejected before it reached any ledger
      }
      assertThat(root.snapshot()).as(at(step)).isEqualTo(before);
    }

    void checkBooks(int step) {
      for (int l = 0; l < ledgers.size(); l++) {
        LedgerSnapshot s = ledgers.get(l).snapshot();
        assertThat(s.used()).as("%s: spent on ledger %d", at(step), l).isEqualTo(used.get(l));
        assertThat(s.reserved())
            .as("%s: held on ledger %d", at(step), l)
            .isEqualTo(reserved.get(l));
        assertThat(s.overshoot().isPresent())
            .as("%s: frozen (ledger %d)", at(step), l)
            .isEqualTo(frozen);
        if (!frozen && !closed) {
          for (Map.Entry<Cap, Long> c : s.budget().caps().entrySet()) {
            assertThat(s.used().amount(c.getKey()))
                .as("%s: %s on ledger %d", at(step), c.getKey().describe(), l)
                .isLessThanOrEqualTo(c.getValue());
          }
        }
      }
    }
  }
}
