package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedBudgetsTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).tool("search", 0.001).build();
  static final Cap SEARCH = new Cap.ToolUnits("search");

  static Spend search(long units) {
    return Spend.tool("search", units, PRICES);
  }

  static BudgetScope tenant(long searches) {
    return BudgetScope.parse(
        "tenant:acme/day", Budget.builder().toolUnits("search", searches).build());
  }

  @Test
  void runsOfOneProcessNeverJointlyOverspendAScopeAndTheBooksBalance() throws Exception {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(500);
    SharedBudgets shared = SharedBudgets.of(store, scope);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Long>> runs = new ArrayList<>();
    for (int run = 0; run < 8; run++) {
      runs.add(
          pool.submit(
              () -> {
                long settled = 0;
                try (Ledger ledger =
                    Ledger.open(Budget.builder().toolUnits("search", 200).build(), shared)) {
                  for (int i = 0; i < 400; i++) {
                    long want = 1 + ThreadLocalRandom.current().nextInt(3);
                    Reservation r;
                    try {
                      r = ledger.reserve(search(want));
                    } catch (BudgetExceededException refused) {
                      continue;
                    }
                    if (i % 5 == 0) {
                      r.release();
                    } else {
                      long real = ThreadLocalRandom.current().nextLong(want + 1);
                      r.settle(search(real));
                      settled += real;
                    }
                  }
                  try {
                    ledger.reserve(search(1)); // left open: close must release it
                  } catch (BudgetExceededException refused) {
                    // the scope is spent: nothing to leave open
                  }
                }
                return settled;
              }));
    }
    long sum = 0;
    for (Future<Long> f : runs) sum += f.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    LedgerSnapshot books = store.view(scope).books();
    assertThat(books.used().amount(SEARCH)).isEqualTo(sum).isLessThanOrEqualTo(500);
    assertThat(books.reserved().amount(SEARCH)).isZero();
  }

  @Test
  void aScopeRefusalNamesTheScopeAndHoldsNothingAnywhere() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope small = tenant(2);
    BudgetScope large = BudgetScope.parse("user:42/month", Budget.unlimited());
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, large, small));
    ledger.reserve(search(2));
    assertThatThrownBy(() -> ledger.reserve(search(1)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageStartingWith("shared budget tenant:acme/day (")
        .hasMessageEndingWith(
            "refused: 1 of tool units of 'search' requested but only 0 of 2 remain");
    assertThat(ledger.snapshot().reserved().amount(SEARCH)).isEqualTo(2);
    assertThat(store.view(large).books().reserved().amount(SEARCH)).isEqualTo(2);
    ledger.close();
    assertThat(store.view(large).books().reserved().amount(SEARCH)).isZero();
    assertThat(store.view(small).books().reserved().amount(SEARCH)).isZero();
  }

  @Test
  void aRunStoppedByAScopeSaysWhichScopeNotTheRunsOwnCap() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, tenant(2)));
    ledger.reserve(search(2));
    BudgetExceededException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            BudgetExceededException.class, () -> ledger.reserve(search(1)));
    dev.frugal.core.StopReason.BudgetExhausted stop =
        dev.frugal.core.StopReason.BudgetExhausted.refused(refused);
    assertThat(stop.refusingScope())
        .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("tenant:acme/day (");
    assertThat(stop.describe()).contains("of shared budget tenant:acme/day (");
    // the run's own budget refusing names no scope
    Ledger own = Ledger.open(Budget.builder().toolUnits("search", 1).build());
    BudgetExceededException byRun =
        org.junit.jupiter.api.Assertions.assertThrows(
            BudgetExceededException.class, () -> own.reserve(search(2)));
    assertThat(dev.frugal.core.StopReason.BudgetExhausted.refused(byRun).refusingScope()).isEmpty();
    ledger.close();
    own.close();
  }

  @Test
  void aDailyScopeOpensFreshBooksAtUtcMidnightAndLateSettlesStayInTheirDay() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T23:59:59Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    InProcessBudgetStore store = InProcessBudgetStore.withClock(clock);
    BudgetScope scope = tenant(3);
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    Reservation lateNight = ledger.reserve(search(3));
    assertThat(store.view(scope).window()).isEqualTo("2026-11-30");
    now.set(Instant.parse("2026-12-01T00:00:01Z"));
    ScopeView fresh = store.view(scope);
    assertThat(fresh.window()).isEqualTo("2026-12-01");
    assertThat(fresh.books().remaining(SEARCH)).hasValue(3);
    ledger.reserve(search(3)).settle(search(3));
    lateNight.settle(search(3)); // belongs to 30 November, which is gone
    assertThat(store.view(scope).books().used().amount(SEARCH)).isEqualTo(3);
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isZero();
    assertThat(new Window[] {Window.MONTH, Window.NONE})
        .extracting(w -> w.label(now.get()))
        .containsExactly("2026-12", "all");
  }

  @Test
  void resetZeroesWhatWasUsedButKeepsHoldsInFlight() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(10);
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    ledger.reserve(search(4)).settle(search(4));
    Reservation inFlight = ledger.reserve(search(2));
    store.reset(scope);
    assertThat(store.view(scope).books().used().amount(SEARCH)).isZero();
    assertThat(store.view(scope).books().remaining(SEARCH)).hasValue(8);
    inFlight.settle(search(1));
    assertThat(store.view(scope).books().remaining(SEARCH)).hasValue(9);
  }

  @Test
  void aCallThatOutlivesItsRunStillChargesTheScopeOnce() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(10);
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    Reservation inFlight = ledger.reserve(search(3));
    ledger.close(); // the run ended: its hold goes back to the scope
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isZero();
    inFlight.settle(search(2)); // the call finished after all: what it spent is recorded
    assertThat(store.view(scope).books().used().amount(SEARCH)).isEqualTo(2);
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isZero();
  }

  @Test
  void recordedSpendingReachesTheScopes() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(10);
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    ledger.record(search(7));
    assertThat(store.view(scope).books().used().amount(SEARCH)).isEqualTo(7);
  }

  @Test
  void badScopesAreRefusedWithWhatWouldBeValid() {
    assertThatThrownBy(() -> BudgetScope.parse("tenant:acme/week", Budget.unlimited()))
        .hasMessage("window must be one of day, month, none (UTC calendar windows), got 'week'");
    assertThatThrownBy(() -> BudgetScope.parse("tenant acme/day", Budget.unlimited()))
        .hasMessageContaining("letters, digits and ':._@-'");
    assertThatThrownBy(() -> SharedBudgets.of(InProcessBudgetStore.create(), tenant(1), tenant(2)))
        .hasMessageContaining("each scope may appear once");
    assertThat(BudgetScope.parse("team:core", Budget.unlimited()).id()).isEqualTo("team:core/none");
  }

  @Test
  void aKeptAnswerReserveIsOutOfReachOfChildrenAndPaysTheRootsOwnReservation() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(10);
    Ledger root = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    Ledger working = root.child(Budget.unlimited());
    root.keepInScopes(search(3));
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isEqualTo(3);
    assertThat(root.headroom(SEARCH)).hasValue(3); // the answer is sized to what is kept
    working.reserve(search(7)).settle(search(7));
    assertThatThrownBy(() -> working.reserve(search(1)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("tenant:acme/day");
    Reservation answer = root.reserve(search(2)); // drawn from the kept reserve
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isEqualTo(3);
    answer.release(); // given back to the root: the answer may be asked for again
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isEqualTo(3);
    root.reserve(search(3)).settle(search(2));
    LedgerSnapshot books = store.view(scope).books();
    assertThat(books.used().amount(SEARCH)).isEqualTo(9);
    assertThat(books.reserved().amount(SEARCH)).isZero();
    root.close();
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isZero();
  }

  @Test
  void anUnusedKeptReserveIsReleasedWhenTheRunEndsAndAFullScopeRefusesToKeepOne() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(4);
    SharedBudgets shared = SharedBudgets.of(store, scope);
    Ledger first = Ledger.open(Budget.unlimited(), shared);
    first.keepInScopes(search(3));
    Ledger second = Ledger.open(Budget.unlimited(), shared);
    assertThatThrownBy(() -> second.keepInScopes(search(3)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("tenant:acme/day");
    first.close();
    second.keepInScopes(search(3));
    second.close();
    assertThat(store.view(scope).books().reserved().amount(SEARCH)).isZero();
    assertThat(store.view(scope).books().used().amount(SEARCH)).isZero();
  }

  @Test
  void aWaitingReservationGetsTheRoomAnotherRunGivesBackAndOneThatNeverComesIsRefused()
      throws Exception {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope = tenant(2);
    java.util.concurrent.atomic.AtomicInteger refusals =
        new java.util.concurrent.atomic.AtomicInteger();
    BudgetStore counting =
        new BudgetStore() {
          @Override
          public Hold reserve(List<BudgetScope> scopes, Spend estimate) {
            try {
              return store.reserve(scopes, estimate);
            } catch (BudgetExceededException e) {
              refusals.incrementAndGet();
              throw e;
            }
          }

          @Override
          public void record(List<BudgetScope> scopes, Spend actual) {
            store.record(scopes, actual);
          }

          @Override
          public ScopeView view(BudgetScope s) {
            return store.view(s);
          }

          @Override
          public void reset(BudgetScope s) {
            store.reset(s);
          }

          @Override
          public String describe() {
            return store.describe();
          }
        };
    SharedBudgets waiting =
        SharedBudgets.of(counting, scope).waitUpTo(java.time.Duration.ofMinutes(1));
    Ledger holder = Ledger.open(Budget.unlimited(), SharedBudgets.of(store, scope));
    Reservation held = holder.reserve(search(2));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Reservation> queued =
          pool.submit(() -> Ledger.open(Budget.unlimited(), waiting).reserve(search(2)));
      while (refusals.get() == 0) Thread.sleep(1); // refused once: it is waiting now
      assertThat(queued).isNotDone();
      held.release();
      queued.get(60, TimeUnit.SECONDS).settle(search(2));
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.view(scope).books().used().amount(SEARCH)).isEqualTo(2);
    Ledger late =
        Ledger.open(
            Budget.unlimited(),
            SharedBudgets.of(store, scope).waitUpTo(java.time.Duration.ofMillis(20)));
    assertThatThrownBy(() -> late.reserve(search(1)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("tenant:acme/day");
  }

  @Test
  void aNegativeWaitIsRefusedWithWhatIsValid() {
    InProcessBudgetStore store = InProcessBudgetStore.create();
    assertThatThrownBy(
            () -> SharedBudgets.of(store, tenant(1)).waitUpTo(java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero (refuse at once) or positive");
  }
}
