package dev.frugal.core.budget;

import static dev.frugal.core.budget.Tally.RESERVED;
import static dev.frugal.core.budget.Tally.USED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single source of truth for a run's spending.
 *
 * <p><b>Protocol.</b> Before a model or tool call, {@link #reserve(Spend)} an estimate: it is
 * granted only if, for every cap of this ledger and of every ancestor, {@code used + reserved +
 * estimate <= limit}; otherwise a {@link BudgetExceededException} names the cap and nothing is
 * held. After the call, {@link Reservation#settle(Spend)} records what was really spent; when the
 * call failed, {@link Reservation#release()} gives the estimate back. Because the check counts
 * outstanding reservations, concurrent callers (parallel attempts, tree branches) can never jointly
 * overshoot a cap.
 *
 * <p><b>Estimates.</b> The engine reserves, for a model call, the prompt's input tokens estimated
 * generously from its characters (about 3 characters per token plus a per-message overhead, above
 * the usual 4) and the full {@code maxOutputTokens} it sends with the request, which the provider
 * cannot exceed; for a tool call it reserves exactly the units the tool's unit rule computes before
 * running it. A settle above its estimate is therefore rare (a provider billing beyond what was
 * reserved).
 *
 * <p><b>Overshoot freezes the whole tree.</b> A settle (or {@link #record}) is always recorded in
 * full, even when it pushes a cap of some ledger over its limit: money already spent is never
 * dropped from the books. When it does, that ledger's tree is frozen: from then on every
 * reservation on <em>every</em> ledger that shares its root (the root, every ancestor, every child,
 * every sibling and their children) is refused with a {@link BudgetExceededException} naming the
 * overshot cap, and {@link LedgerSnapshot#overshoot()} reports that cap on each of them.
 * Reservations already granted may still be settled or released. So a cap is exceeded by at most
 * what the calls in flight at the moment of the overshoot bill beyond their estimates, and no call
 * starts after it.
 *
 * <p><b>Children.</b> {@link #child(Budget)} carves a ledger with its own caps (for an attempt, a
 * tree branch or a sub-agent) whose spending also counts against this ledger and its ancestors.
 *
 * <p><b>Leaks and late settles.</b> A reservation that is never settled or released is released by
 * {@link #close()}, which the engine calls when a run ends; a closed ledger refuses new
 * reservations. A call that was still in flight when its ledger closed may still {@link
 * Reservation#settle} afterwards: its spending is recorded (and may overshoot, as above) rather
 * than lost; releasing it then does nothing.
 *
 * <p><b>Amounts.</b> {@link Spend} rejects negative and overflowing amounts when it is built; a
 * reservation so large that the ledger's running totals would overflow is refused with an {@link
 * IllegalArgumentException}. Spending totals saturate at {@link Long#MAX_VALUE} instead of
 * wrapping.
 *
 * <p><b>Shared scopes.</b> A root opened with {@link SharedBudgets} also holds every reservation of
 * its tree against each shared scope in the {@link BudgetStore}, under the tree's lock and before
 * anything is held locally: a refusal by a scope leaves nothing held anywhere. Settles, releases,
 * {@link #record} and {@link #close} reach the store too. A root may also keep a final-answer
 * reserve in the scopes ({@link #keepInScopes}), and a reservation the scopes refuse may wait for
 * room ({@link SharedBudgets#waitUpTo}); the wait happens outside the lock.
 *
 * <p>Thread-safe: every ledger of one tree shares one lock, so a reservation is checked and held
 * against all ancestors atomically.
 */
public final class Ledger implements AutoCloseable {
  final Ledger parent;
  private final Budget budget;
  final Tree lock;
  private final SharedBudgets shared;
  private final List<Ledger> children = new ArrayList<>();
  // the open reservations, oldest first, linked through Held.prev and Held.next: adding and
  // removing one allocates nothing and hashes nothing (a LinkedHashSet did both on every call)
  Held oldest;
  Held newest;
  // what this ledger spent (USED) and holds for calls in flight (RESERVED), in one table
  final Tally totals = new Tally();
  Spend estimated = Spend.ZERO; // under the lock: used charged as estimates (abandoned)
  boolean closed;
  // on a root with shared scopes: the final-answer reserve kept in the scopes (keepInScopes) until
  // a reservation of the root itself uses it; under the lock
  private Spend answerReserve;
  BudgetStore.Hold keptAnswer;
  // the refusal the shared scopes gave the attempt in progress (waitingForScopes); under the lock
  private BudgetExceededException scopeRefusal;

  /** What all ledgers of one tree share: the lock, and the overshoot that froze the tree. */
  static final class Tree {
    private Cap overshoot;
    private BudgetExceededException scopeOvershoot;
  }

  /**
   * The refusal of a shared scope that a provider's bill had pushed over a cap (the scope
   * overshot), if a reservation of this tree met one.
   */
  public Optional<BudgetExceededException> scopeOvershoot() {
    synchronized (lock) {
      return Optional.ofNullable(lock.scopeOvershoot);
    }
  }

  private Ledger(Ledger parent, Budget budget, SharedBudgets shared) {
    this.parent = parent;
    this.budget = budget;
    this.lock = parent == null ? new Tree() : parent.lock;
    this.shared = shared;
  }

  /** A new root ledger enforcing {@code budget}. */
  public static Ledger open(Budget budget) {
    return new Ledger(null, java.util.Objects.requireNonNull(budget, "budget"), null);
  }

  /**
   * A new root ledger enforcing {@code budget} and, through {@code shared}'s store, the caps of
   * every shared scope; {@code shared} may be null (no shared scopes).
   */
  public static Ledger open(Budget budget, SharedBudgets shared) {
    return new Ledger(null, java.util.Objects.requireNonNull(budget, "budget"), shared);
  }

  /**
   * A child ledger with its own caps; whatever it spends also counts against this ledger and its
   * ancestors, and their caps still apply.
   */
  public Ledger child(Budget childBudget) {
    java.util.Objects.requireNonNull(childBudget, "childBudget");
    synchronized (lock) {
      Ledger c = new Ledger(this, childBudget, shared);
      children.add(c);
      return c;
    }
  }

  /** The caps this ledger enforces itself (ancestors' caps apply too). */
  public Budget budget() {
    return budget;
  }

  /**
   * Holds {@code estimate} against every cap of this ledger and its ancestors.
   *
   * @throws BudgetExceededException naming the first cap the estimate would exceed, when this
   *     ledger or an ancestor is closed or has overshot a cap
   */
  public Reservation reserve(Spend estimate) {
    java.util.Objects.requireNonNull(estimate, "estimate");
    if (shared == null || shared.maxWait().isZero()) {
      synchronized (lock) {
        return reserveLocked(estimate); // nothing to wait for: no lambda on the common path
      }
    }
    return waitingForScopes(() -> reserveLocked(estimate));
  }

  private Reservation reserveLocked(Spend estimate) {
    for (Ledger l = this; l != null; l = l.parent) {
      l.checkLocked(estimate);
    }
    for (Ledger l = this; l != null; l = l.parent) {
      if (!l.totals.fitsExactly(RESERVED, estimate)) {
        throw new IllegalArgumentException(
            "estimate " + estimate + " is too large: the ledger's reserved totals would overflow");
      }
    }
    BudgetStore.Hold inStore = shared == null ? null : scopeHoldLocked(estimate);
    for (Ledger l = this; l != null; l = l.parent) {
      l.totals.add(RESERVED, estimate, 1);
    }
    Held h = new Held(this, estimate, inStore);
    h.link();
    return h;
  }

  /**
   * Holds {@code answerReserve} against every shared scope now, for this root ledger's own
   * reservations: the final-answer reserve that an agent keeps out of its working ledger (a child
   * of this one). A scope then keeps it as the run's own caps do: the children's reservations find
   * it taken, and the next reservation made on this ledger itself (the final answer) draws on it
   * first, asking the scopes only for what it needs beyond it. While it is kept, {@link #headroom}
   * of this ledger is at most the reserve on the caps it covers, so that the answer is sized to
   * what was kept. Released by {@link #close()} when unused; does nothing without shared scopes or
   * for a reserve of nothing. Waits for room as {@link SharedBudgets#waitUpTo} says.
   *
   * @throws BudgetExceededException when a scope has no room for the reserve (nothing is held)
   * @throws IllegalStateException on a child ledger, or when a reserve is already kept
   */
  public void keepInScopes(Spend answerReserve) {
    java.util.Objects.requireNonNull(answerReserve, "answerReserve");
    if (parent != null) {
      throw new IllegalStateException("only a root ledger keeps a final-answer reserve in scopes");
    }
    if (shared == null || answerReserve.equals(Spend.ZERO)) return;
    waitingForScopes(
        () -> {
          if (this.answerReserve != null) {
            throw new IllegalStateException("a final-answer reserve is already kept");
          }
          checkLocked(Spend.ZERO); // a closed or overshot ledger keeps nothing
          keptAnswer = storeReserveLocked(answerReserve);
          this.answerReserve = answerReserve;
          return null;
        });
  }

  /**
   * The scopes' hold for a reservation of this ledger; under the lock. On a root ledger keeping a
   * final-answer reserve, the reserve is used (and only what the estimate needs beyond it is asked
   * for); otherwise the estimate is held in full.
   */
  private BudgetStore.Hold scopeHoldLocked(Spend estimate) {
    if (parent != null || keptAnswer == null) return storeReserveLocked(estimate);
    Spend beyond = FromAnswerReserve.beyond(estimate, answerReserve);
    BudgetStore.Hold extra = beyond == null ? null : storeReserveLocked(beyond);
    BudgetStore.Hold kept = keptAnswer;
    keptAnswer = null;
    return new FromAnswerReserve(this, kept, extra);
  }

  private static long nanos(java.time.Duration d) {
    return d.compareTo(java.time.Duration.ofDays(365)) > 0
        ? 365L * 86_400_000_000_000L
        : d.toNanos();
  }

  /** {@code shared.reserve}, noting a refusal as the scopes' (see waitingForScopes). */
  private BudgetStore.Hold storeReserveLocked(Spend amount) {
    try {
      return shared.reserve(amount);
    } catch (BudgetExceededException e) {
      if (e.overshotScope().isPresent() && lock.scopeOvershoot == null) lock.scopeOvershoot = e;
      scopeRefusal = e;
      throw e;
    }
  }

  /**
   * Runs {@code attempt} under the tree's lock; when the shared scopes refuse it and {@link
   * SharedBudgets#maxWait()} allows, pauses outside the lock (so the run's other calls can settle)
   * and tries again, until it fits or the wait is over. An interrupt ends the wait with the refusal
   * (the interrupt stays set for the caller to see).
   */
  private <T> T waitingForScopes(java.util.function.Supplier<T> attempt) {
    long deadline = 0;
    long pause = 0;
    while (true) {
      BudgetExceededException byScope;
      synchronized (lock) {
        try {
          scopeRefusal = null;
          return attempt.get();
        } catch (BudgetExceededException e) {
          if (e != scopeRefusal || shared.maxWait().isZero() || e.overshotScope().isPresent()) {
            throw e; // an overshot scope does not recover by waiting
          }
          byScope = e;
        } finally {
          scopeRefusal = null;
        }
      }
      long now = System.nanoTime();
      if (pause == 0) deadline = now + nanos(shared.maxWait());
      long left = deadline - now;
      if (left <= 0) throw byScope;
      // short pauses at first (a call in flight often settles within milliseconds), then at most
      // every 50 ms: one look at the store per pause
      pause = pause == 0 ? 1_000_000 : Math.min(pause * 2, 50_000_000);
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw byScope;
      }
    }
  }

  /** The cap that reserving {@code estimate} now would exceed, or empty if it would be granted. */
  public Optional<Cap> wouldExceed(Spend estimate) {
    synchronized (lock) {
      try {
        for (Ledger l = this; l != null; l = l.parent) {
          l.checkLocked(estimate);
        }
        return Optional.empty();
      } catch (BudgetExceededException e) {
        return Optional.of(e.cap());
      }
    }
  }

  /**
   * Records spending that was not reserved in advance (e.g. usage reported by a call the caller
   * could not estimate). Prefer {@link #reserve}; this exists so that money already spent is never
   * lost from the books. An overshoot is recorded as for a settle.
   */
  public void record(Spend actual) {
    java.util.Objects.requireNonNull(actual, "actual");
    synchronized (lock) {
      for (Ledger l = this; l != null; l = l.parent) {
        l.totals.add(USED, actual, 1);
        l.noteOvershootLocked();
      }
      if (shared != null) shared.record(actual);
    }
  }

  /** An immutable view of this ledger's spending against its own caps. */
  public LedgerSnapshot snapshot() {
    synchronized (lock) {
      return new LedgerSnapshot(
          budget,
          totals.toSpend(USED),
          totals.toSpend(RESERVED),
          Optional.ofNullable(lock.overshoot),
          estimated);
    }
  }

  /**
   * The most that can still be reserved against {@code cap}, over this ledger and its ancestors
   * (empty when no ledger on the path caps it).
   */
  public java.util.OptionalLong headroom(Cap cap) {
    synchronized (lock) {
      long best = Long.MAX_VALUE;
      boolean capped = false;
      for (Ledger l = this; l != null; l = l.parent) {
        java.util.OptionalLong limit = l.budget.limit(cap);
        if (limit.isPresent()) {
          capped = true;
          long left =
              limit.getAsLong() - l.totals.amount(USED, cap) - l.totals.amount(RESERVED, cap);
          best = Math.min(best, Math.max(0, left));
        }
      }
      if (parent == null && keptAnswer != null) {
        long kept = answerReserve.amount(cap); // the answer is sized to what the scopes keep
        if (kept > 0) {
          best = Math.min(best, kept);
          capped = true;
        }
      }
      return capped ? java.util.OptionalLong.of(best) : java.util.OptionalLong.empty();
    }
  }

  /**
   * Releases every reservation still open on this ledger and its children and refuses any new one.
   * Spending already settled stays recorded. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closeLocked();
    }
  }

  /** True once {@link #close()} ran on this ledger or an ancestor. */
  public boolean isClosed() {
    synchronized (lock) {
      for (Ledger l = this; l != null; l = l.parent) {
        if (l.closed) return true;
      }
      return false;
    }
  }

  private void closeLocked() {
    while (oldest != null) {
      oldest.releaseLocked(); // unlinks it
    }
    for (Ledger c : children) {
      c.closeLocked();
    }
    closed = true;
    if (keptAnswer != null) {
      keptAnswer.release(); // the run ended without using its final-answer reserve
      keptAnswer = null;
    }
  }

  private void checkLocked(Spend estimate) {
    if (closed) {
      throw new BudgetExceededException(
          new Cap.Usd(), "the ledger is closed (its run has ended); no further spending");
    }
    Cap overshoot = lock.overshoot;
    if (overshoot != null) {
      throw new BudgetExceededException(
          overshoot,
          "an earlier call overshot the cap on "
              + overshoot.describe()
              + "; every further reservation in this run's ledgers is refused");
    }
    Cap[] caps = budget.capList();
    long[] limits = budget.limitList();
    for (int i = 0; i < caps.length; i++) {
      Cap cap = caps[i];
      long want = estimate.amount(cap);
      if (want == 0) continue;
      long left = limits[i] - totals.amount(USED, cap) - totals.amount(RESERVED, cap);
      if (want > left) {
        long remaining = Math.max(0, left);
        throw new BudgetExceededException(
            cap,
            Refusal.message(cap, want, remaining, limits[i]),
            Refusal.of(cap, estimate, want, remaining, limits[i]));
      }
    }
  }

  void noteOvershootLocked() {
    if (lock.overshoot != null) return;
    Cap[] caps = budget.capList();
    long[] limits = budget.limitList();
    for (int i = 0; i < caps.length; i++) {
      if (totals.amount(USED, caps[i]) > limits[i]) {
        lock.overshoot = caps[i]; // freezes every ledger of the tree
        return;
      }
    }
  }
}
