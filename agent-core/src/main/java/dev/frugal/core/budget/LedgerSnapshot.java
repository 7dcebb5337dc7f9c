package dev.frugal.core.budget;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An immutable view of one {@link Ledger} at a moment: what it spent ({@code used}), what calls in
 * flight hold ({@code reserved}), its caps, and the first cap an actual spend overshot anywhere in
 * the ledger's tree, if any (an overshoot freezes the whole tree: see {@link Ledger}), and the part
 * of {@code used} that is an estimate ({@code estimated}): calls abandoned after they were sent
 * (timed out, or answered unreadably) are charged what was reserved for them until their usage
 * arrives (see {@link Reservation#abandon()}).
 */
public record LedgerSnapshot(
    Budget budget, Spend used, Spend reserved, Optional<Cap> overshoot, Spend estimated) {

  /** A snapshot in which nothing used is an estimate. */
  public LedgerSnapshot(Budget budget, Spend used, Spend reserved, Optional<Cap> overshoot) {
    this(budget, used, reserved, overshoot, Spend.ZERO);
  }

  /** What is left of {@code cap} after spending and outstanding reservations (never negative). */
  public OptionalLong remaining(Cap cap) {
    OptionalLong limit = budget.limit(cap);
    if (limit.isEmpty()) return OptionalLong.empty();
    return OptionalLong.of(
        Math.max(0, limit.getAsLong() - used.amount(cap) - reserved.amount(cap)));
  }

  /** {@code remaining / limit} of {@code cap} in [0, 1]; 0 for a cap of 0; empty if uncapped. */
  public OptionalDouble remainingFraction(Cap cap) {
    OptionalLong limit = budget.limit(cap);
    if (limit.isEmpty()) return OptionalDouble.empty();
    if (limit.getAsLong() == 0) return OptionalDouble.of(0);
    return OptionalDouble.of(remaining(cap).getAsLong() / (double) limit.getAsLong());
  }

  /** Unified cost spent so far, in dollars. */
  public double usd() {
    return used.usd();
  }

  /** Cost by model, in dollars, sorted by name. */
  public Map<String, Double> usdByModel() {
    return dollars(used.modelPicos());
  }

  /** Cost by tool, in dollars, sorted by name. */
  public Map<String, Double> usdByTool() {
    return dollars(used.toolPicos());
  }

  /** Each cap with what remains of it, in the budget's order. */
  public Map<Cap, Long> remainingByCap() {
    Map<Cap, Long> out = new LinkedHashMap<>();
    budget.caps().keySet().forEach(c -> out.put(c, remaining(c).getAsLong()));
    return out;
  }

  private static Map<String, Double> dollars(Map<String, Long> picos) {
    Map<String, Double> out = new TreeMap<>();
    picos.forEach((k, v) -> out.put(k, Money.usd(v)));
    return out;
  }
}
