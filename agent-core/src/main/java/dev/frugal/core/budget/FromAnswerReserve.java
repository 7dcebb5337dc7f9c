package dev.frugal.core.budget;

/**
 * The scopes' hold of a reservation that uses the root's final-answer reserve ({@code kept}), with
 * {@code extra} (or null) for what it needed beyond it. Released, it gives the reserve back to the
 * root (the answer may be asked for again); settled, it books the call in full through {@code
 * kept}.
 */
final class FromAnswerReserve implements BudgetStore.Hold {
  private final Ledger root;
  private final BudgetStore.Hold kept;
  private final BudgetStore.Hold extra;
  private boolean released;

  FromAnswerReserve(Ledger root, BudgetStore.Hold kept, BudgetStore.Hold extra) {
    this.root = root;
    this.kept = kept;
    this.extra = extra;
  }

  @Override
  public String id() {
    return kept.id();
  }

  @Override
  public void settle(Spend actual) {
    kept.settle(actual); // after a release too: records what was spent
    if (extra != null && !released) extra.release();
    released = true;
  }

  @Override
  public void release() {
    if (released) return;
    released = true;
    if (extra != null) extra.release();
    if (root.closed || root.keptAnswer != null) {
      kept.release();
    } else {
      root.keptAnswer = kept; // under the lock: Held gives back under it
    }
  }

  /** What {@code estimate} needs beyond {@code kept}, cap by cap; null when nothing. */
  static Spend beyond(Spend estimate, Spend kept) {
    long in = Math.max(0, estimate.inputTokens() - kept.inputTokens());
    long out = Math.max(0, estimate.outputTokens() - kept.outputTokens());
    java.util.Map<String, Long> calls = beyond(estimate.modelCalls(), kept.modelCalls());
    java.util.Map<String, Long> units = beyond(estimate.toolUnits(), kept.toolUnits());
    long picos = Math.max(0, estimate.picos() - kept.picos());
    java.util.Map<String, Long> modelPicos = new java.util.TreeMap<>();
    java.util.Map<String, Long> toolPicos = new java.util.TreeMap<>();
    if (picos > 0) {
      // only the amount matters to a scope's caps; booked under a name the estimate spends on
      if (!estimate.modelPicos().isEmpty()) {
        modelPicos.put(estimate.modelPicos().keySet().iterator().next(), picos);
      } else {
        toolPicos.put(estimate.toolPicos().keySet().iterator().next(), picos);
      }
    }
    if (in == 0 && out == 0 && calls.isEmpty() && units.isEmpty() && picos == 0) return null;
    return new Spend(in, 0, out, units, calls, modelPicos, toolPicos);
  }

  /** Per name, what {@code wanted} asks for beyond {@code kept}; only the positive amounts. */
  private static java.util.Map<String, Long> beyond(
      java.util.Map<String, Long> wanted, java.util.Map<String, Long> kept) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    wanted.forEach(
        (name, n) -> {
          long more = n - kept.getOrDefault(name, 0L);
          if (more > 0) out.put(name, more);
        });
    return out;
  }
}
