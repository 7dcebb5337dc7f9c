package dev.frugal.core.budget;

import static dev.frugal.core.budget.Tally.RESERVED;
import static dev.frugal.core.budget.Tally.USED;

/**
 * One reservation of a {@link Ledger}: its estimate, held against the ledger and every ancestor
 * (and, with shared scopes, in the store) until it is settled, released, abandoned or given back
 * when the ledger closes. Every change happens under the tree's lock and walks the ledger's
 * ancestors, so that a tree's totals always agree (see {@link Ledger}, "Protocol" and "Leaks and
 * late settles"). Open reservations are linked, oldest first, for {@link Ledger#close()}.
 */
final class Held implements Reservation {
  private final Ledger ledger;
  private final Spend estimate;
  private final BudgetStore.Hold inStore;
  private boolean done;
  private String how;
  private boolean releasedByClose;
  private boolean abandoned;
  private Held prev;
  private Held next;
  private boolean linked;

  Held(Ledger ledger, Spend estimate, BudgetStore.Hold inStore) {
    this.ledger = ledger;
    this.estimate = estimate;
    this.inStore = inStore;
  }

  @Override
  public Spend estimate() {
    return estimate;
  }

  @Override
  public void abandon() {
    synchronized (ledger.lock) {
      endLocked("abandoned after it was sent (charged its estimate)");
      abandoned = true;
      for (Ledger l = ledger; l != null; l = l.parent) {
        l.totals.add(RESERVED, estimate, -1);
        l.totals.add(USED, estimate, 1);
        l.estimated = l.estimated.plus(estimate);
        l.noteOvershootLocked();
      }
      if (inStore != null) inStore.outlive(); // charged by its lease unless a settle comes
    }
  }

  @Override
  public void settle(Spend actual) {
    java.util.Objects.requireNonNull(actual, "actual");
    synchronized (ledger.lock) {
      if (abandoned) {
        // the usage of an abandoned call arrived: it replaces the estimate charged for it
        abandoned = false;
        how = "settled after it was abandoned";
        for (Ledger l = ledger; l != null; l = l.parent) {
          l.totals.add(USED, estimate, -1);
          l.totals.add(USED, actual, 1);
          l.estimated = l.estimated.minus(estimate);
          l.noteOvershootLocked();
        }
        if (inStore != null) inStore.settle(actual);
        return;
      }
      if (releasedByClose) {
        // the call outlived its run: its estimate went back at close(); record what it spent
        releasedByClose = false;
        how = "settled after its ledger closed";
        for (Ledger l = ledger; l != null; l = l.parent) {
          l.totals.add(USED, actual, 1);
          l.noteOvershootLocked();
        }
        if (inStore != null) inStore.settle(actual); // a settle after release: used only
        return;
      }
      endLocked("settled");
      for (Ledger l = ledger; l != null; l = l.parent) {
        l.totals.add(RESERVED, estimate, -1);
        l.totals.add(USED, actual, 1);
        l.noteOvershootLocked();
      }
      if (inStore != null) inStore.settle(actual);
    }
  }

  @Override
  public void release() {
    synchronized (ledger.lock) {
      if (abandoned) {
        // an abandoned call ended without usage: its estimate stays charged
        abandoned = false;
        if (inStore != null) inStore.settle(estimate);
        return;
      }
      if (releasedByClose) {
        releasedByClose = false; // close() already gave the estimate back
        if (inStore != null) inStore.release(); // a store that kept holding it gives it back
        return;
      }
      endLocked("released");
      giveBackLocked();
    }
  }

  @Override
  public boolean isOpen() {
    synchronized (ledger.lock) {
      return !done;
    }
  }

  @Override
  public void close() {
    synchronized (ledger.lock) {
      if (!done) {
        done = true;
        how = "released";
        unlink();
        giveBackLocked();
      }
    }
  }

  /** Adds this to the end of its ledger's open list; under the lock. */
  void link() {
    prev = ledger.newest;
    if (ledger.newest == null) ledger.oldest = this;
    else ledger.newest.next = this;
    ledger.newest = this;
    linked = true;
  }

  /** Takes this out of its ledger's open list, if it is there; under the lock. */
  void unlink() {
    if (!linked) return;
    if (prev == null) ledger.oldest = next;
    else prev.next = next;
    if (next == null) ledger.newest = prev;
    else next.prev = prev;
    prev = null;
    next = null;
    linked = false;
  }

  /** Released by {@link Ledger#close()}: a later settle still records its spending. */
  void releaseLocked() {
    done = true;
    how = "released when its ledger closed";
    releasedByClose = true;
    unlink();
    for (Ledger l = ledger; l != null; l = l.parent) {
      l.totals.add(RESERVED, estimate, -1);
    }
    if (inStore != null) inStore.outlive(); // the call may still be billed
  }

  private void giveBackLocked() {
    for (Ledger l = ledger; l != null; l = l.parent) {
      l.totals.add(RESERVED, estimate, -1);
    }
    if (inStore != null) inStore.release();
  }

  private void endLocked(String how) {
    if (done) {
      throw new IllegalStateException("reservation " + estimate + " was already " + this.how);
    }
    done = true;
    this.how = how;
    unlink();
  }
}
