package dev.frugal.router;

/** Receives every routing decision (for training data and traces); must be fast and not throw. */
@FunctionalInterface
public interface DecisionListener {
  void decided(Decision decision);
}
