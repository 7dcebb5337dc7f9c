package dev.frugal.core.budget;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BudgetStore} in this JVM: the ledger's lock-and-tally bookkeeping applied to shared
 * scopes. Every run of this process that names a scope draws from the same books; one lock makes a
 * reservation against several scopes all-or-nothing. Windows follow {@code clock} (UTC); books of a
 * window that has passed are dropped when the next one opens (holds still in flight settle into the
 * window they were made in).
 */
public final class InProcessBudgetStore implements BudgetStore {
  private final Clock clock;
  private final Object lock = new Object();
  // keyed by name and window (what BudgetScope.id() says), without building the id on every call
  private final Map<ScopeKey, Books> books = new HashMap<>();

  private record ScopeKey(String name, Window window) {}

  private final AtomicLong ids = new AtomicLong();

  private InProcessBudgetStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A store whose windows follow the system's UTC clock. */
  public static InProcessBudgetStore create() {
    return new InProcessBudgetStore(Clock.systemUTC());
  }

  /** A store whose windows follow {@code clock} (tests move it across midnight). */
  public static InProcessBudgetStore withClock(Clock clock) {
    return new InProcessBudgetStore(clock);
  }

  @Override
  public BudgetStore.Hold reserve(List<BudgetScope> scopes, Spend estimate) {
    Objects.requireNonNull(estimate, "estimate");
    synchronized (lock) {
      List<Books> held = new ArrayList<>(scopes.size());
      for (BudgetScope s : scopes) {
        Books b = current(s);
        Cap[] caps = s.caps().capList();
        long[] limits = s.caps().limitList();
        for (int i = 0; i < caps.length; i++) {
          Cap cap = caps[i];
          long want = estimate.amount(cap);
          if (want == 0) continue;
          long left = limits[i] - b.used.amount(cap) - b.reserved.amount(cap);
          if (want > left) {
            throw BudgetExceededException.inScope(
                s.id(), b.window, cap, want, Math.max(0, left), limits[i]);
          }
        }
        held.add(b);
      }
      for (Books b : held) b.reserved.add(estimate, 1);
      return new Held(ids.incrementAndGet(), held, estimate);
    }
  }

  @Override
  public void record(List<BudgetScope> scopes, Spend actual) {
    synchronized (lock) {
      for (BudgetScope s : scopes) current(s).used.add(actual, 1);
    }
  }

  @Override
  public ScopeView view(BudgetScope scope) {
    synchronized (lock) {
      Books b = current(scope);
      return new ScopeView(
          scope,
          b.window,
          new LedgerSnapshot(
              scope.caps(), b.used.toSpend(), b.reserved.toSpend(), Optional.empty()));
    }
  }

  @Override
  public void reset(BudgetScope scope) {
    synchronized (lock) {
      Books b = current(scope);
      b.used.add(b.used.toSpend(), -1);
    }
  }

  @Override
  public String describe() {
    return "in-process";
  }

  private Books current(BudgetScope s) {
    String window = s.window().label(clock.instant());
    ScopeKey key = new ScopeKey(s.name(), s.window());
    Books b = books.get(key);
    if (b == null || !b.window.equals(window)) {
      b = new Books(window);
      books.put(key, b);
    }
    return b;
  }

  private static final class Books {
    final String window;
    final Tally used = new Tally();
    final Tally reserved = new Tally();

    Books(String window) {
      this.window = window;
    }
  }

  private final class Held implements BudgetStore.Hold {
    private final long id;
    private final List<Books> books;
    private final Spend estimate;
    private boolean givenBack;

    Held(long id, List<Books> books, Spend estimate) {
      this.id = id;
      this.books = books;
      this.estimate = estimate;
    }

    @Override
    public String id() {
      return "local-" + id; // built when asked: a reservation's id is rarely read
    }

    @Override
    public void settle(Spend actual) {
      synchronized (lock) {
        giveBackLocked(); // unless a release already did (a late settle records used only)
        for (Books b : books) b.used.add(actual, 1);
      }
    }

    @Override
    public void release() {
      synchronized (lock) {
        giveBackLocked();
      }
    }

    private void giveBackLocked() {
      if (givenBack) return;
      givenBack = true;
      for (Books b : books) b.reserved.add(estimate, -1);
    }
  }
}
