package dev.frugal.router;

/** Receives every routing decision (for training data and traces); must be fast and not throw. */
@FunctionalInterface
public interface DecisionListener {
  /** Receives one decision, on the thread of the routed call. */
  void decided(Decision decision);
}
