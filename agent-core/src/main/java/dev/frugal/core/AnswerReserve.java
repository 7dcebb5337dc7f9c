package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.Spend;
import java.util.Map;

/**
 * The share of a run's token and dollar caps kept for a final answer ({@link
 * AgentBuilder#answerReserve}): the working budget a strategy may spend on its own, and the same
 * reserve as an amount a run holds in its shared scopes. A share of 0 keeps nothing back.
 */
final class AnswerReserve {
  private final double share;

  AnswerReserve(double share) {
    this.share = share;
  }

  /** The budget minus the final-answer reserve: what strategies may spend on their own. */
  Budget working(Budget budget) {
    Budget.Builder b = Budget.builder();
    budget.toolUnitCaps().forEach(b::toolUnits);
    budget.inputTokens().ifPresent(v -> b.inputTokens(v - of(v)));
    budget.outputTokens().ifPresent(v -> b.outputTokens(v - of(v)));
    budget.totalTokens().ifPresent(v -> b.totalTokens(v - of(v)));
    budget.usdPicos().ifPresent(v -> b.usd(Money.usd(v - of(v))));
    budget.modelCallCaps().forEach((m, v) -> b.modelCalls(m, share > 0 && v > 1 ? v - 1 : v));
    return b.build();
  }

  /**
   * The final-answer reserve (the caps minus {@link #working(Budget)}) as an amount a run holds in
   * its shared scopes from its start, so that a scope keeps the reserve as the run's own caps do.
   */
  Spend heldInScopes(Budget budget) {
    long in = budget.inputTokens().isPresent() ? of(budget.inputTokens().getAsLong()) : 0;
    long out = budget.outputTokens().isPresent() ? of(budget.outputTokens().getAsLong()) : 0;
    if (budget.totalTokens().isPresent()) {
      out = Math.max(out, of(budget.totalTokens().getAsLong()) - in);
    }
    long picos = budget.usdPicos().isPresent() ? of(budget.usdPicos().getAsLong()) : 0;
    Map<String, Long> calls = new java.util.TreeMap<>();
    budget
        .modelCallCaps()
        .forEach(
            (m, v) -> {
              if (share > 0 && v > 1) calls.put(m, 1L);
            });
    return new Spend(
        in,
        0,
        out,
        Map.of(),
        calls,
        picos > 0 ? Map.of("final answer", picos) : Map.of(),
        Map.of());
  }

  private long of(long cap) {
    return (long) Math.floor(cap * share);
  }
}
