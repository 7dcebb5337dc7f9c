package dev.frugal.router.policy;

import java.util.Objects;

/**
 * One training example of a policy: the features of a state, the action taken there and its weight
 * in the weighted log-likelihood loss ({@code 1} for supervised labels; the advantage for a
 * policy-gradient step, which may be negative).
 */
public record Example(float[] features, int action, float weight) {
  /** Checks the features and the action. */
  public Example {
    Objects.requireNonNull(features, "features");
    if (action < 0) throw new IllegalArgumentException("action must be >= 0, got " + action);
    if (!Float.isFinite(weight)) throw new IllegalArgumentException("weight must be finite");
  }
}
