package dev.frugal.router.policy;

import java.util.Objects;

/**
 * One decision of a BoPO rollout, for the clipped policy-gradient update ({@link
 * PolicyNetwork#trainClipped}).
 *
 * @param features the state's features
 * @param action the action taken
 * @param advantage the rollout's advantage (may be negative)
 * @param oldProbability the probability the policy that made the rollout gave the action, {@code
 *     pi_old(a | x)}: the denominator of the PPO ratio
 * @param behaviourProbability the probability the action was actually sampled with, {@code mu(a |
 *     x)} (the old policy's, clipped by the exploration floor); the update weighs the example by
 *     {@code pi_old / mu} so that the floor's extra draws do not bias the gradient
 * @param reference the reference (SFT) policy's probabilities at this state, for the KL term
 */
public record ClippedExample(
    float[] features,
    int action,
    float advantage,
    float oldProbability,
    float behaviourProbability,
    float[] reference) {
  /** Checks the features and the reference are given. */
  public ClippedExample {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(reference, "reference");
    if (action < 0) throw new IllegalArgumentException("action must be >= 0, got " + action);
    if (!Float.isFinite(advantage)) throw new IllegalArgumentException("advantage must be finite");
    if (!(oldProbability > 0 && oldProbability <= 1)) {
      throw new IllegalArgumentException("oldProbability must be in (0, 1], got " + oldProbability);
    }
    if (!(behaviourProbability > 0 && behaviourProbability <= 1)) {
      throw new IllegalArgumentException(
          "behaviourProbability must be in (0, 1], got " + behaviourProbability);
    }
  }

  /**
   * The importance weight {@code pi_old(a|x) / mu(a|x)} that corrects for the exploration floor.
   */
  float importance() {
    return oldProbability / behaviourProbability;
  }
}
