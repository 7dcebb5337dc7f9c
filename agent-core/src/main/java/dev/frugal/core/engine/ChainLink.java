package dev.frugal.core.engine;

import dev.frugal.core.budget.Ledger;

/**
 * What a link of an interceptor chain holds, for model calls ({@link ModelCalls}) and tool calls
 * ({@link ToolCalls}) alike: its place in the chain (the interceptor it hands the call to; past the
 * last one the call is metered), the ledger the call is charged to, and the call as it stands now
 * (an interceptor may pass on a changed one).
 *
 * @param <T> what the chain carries: a model call or a tool invocation
 */
abstract class ChainLink<T> {
  final int index;
  final Ledger ledger;
  T current;

  ChainLink(int index, Ledger ledger) {
    this.index = index;
    this.ledger = ledger;
  }
}
