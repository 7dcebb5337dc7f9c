package dev.frugal.router.training;

import dev.frugal.router.Decision;
import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.ActorCriticNetwork;
import dev.frugal.router.policy.PpoGroup;
import dev.frugal.router.policy.PpoOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-state value baseline for BoPO (docs/router.md, "Training that can learn"): the value head
 * of an {@link ActorCriticNetwork} fitted to the reward each routing state's rollout ended with, so
 * that a decision's advantage is {@code (R - V(s_t)) / sd} instead of one number for every step of
 * the rollout (actor-critic credit, as in "Asynchronous Methods for Deep Reinforcement Learning",
 * Mnih et al. 2016, section 3). Only the value head is trained: the fit uses PPO groups of one
 * decision with advantage 0 and entropy coefficient 0, so the policy terms vanish.
 */
final class ValueBaseline implements AutoCloseable {
  private static final boolean[] BOTH = {true, true};

  private final ActorCriticNetwork critic;
  private final float learningRate;
  private final int epochs;
  private long fits;

  /**
   * @param hidden the critic's hidden layer sizes
   * @param learningRate Adam's rate for the value fit [choice: 0.005, BoPO's]
   * @param epochs passes over each fit's data [choice: 4, PPO's]
   */
  ValueBaseline(List<Integer> hidden, double learningRate, int epochs, ai.djl.Device device) {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    this.critic =
        ActorCriticNetwork.create(RouterFeatures.SCHEMA, List.of("SMALL", "LARGE"), hidden, device);
    this.learningRate = (float) learningRate;
    this.epochs = epochs;
  }

  /** The estimated reward of a rollout that reaches the state {@code features}. */
  float value(float[] features) {
    return critic.evaluate(features, BOTH).value();
  }

  /**
   * Fits the value of every decision of {@code rollouts} to that rollout's reward. Masked decisions
   * count too: they are states the policy passes through.
   *
   * @param rewards the reward of each rollout, in the same order
   * @return the mean squared error of the last epoch
   */
  double fit(List<Rollout> rollouts, List<Double> rewards) {
    if (rollouts.size() != rewards.size()) {
      throw new IllegalArgumentException("one reward per rollout expected");
    }
    List<PpoGroup> groups = new ArrayList<>();
    for (int i = 0; i < rollouts.size(); i++) {
      float r = rewards.get(i).floatValue();
      for (Decision d : rollouts.get(i).decisions()) {
        groups.add(
            new PpoGroup(
                new float[][] {d.features()},
                new int[] {d.chosen().ordinal()},
                new boolean[][] {BOTH},
                0f,
                0f,
                r));
      }
    }
    if (groups.isEmpty()) return 0;
    List<Double> losses =
        critic.ppoUpdate(
            groups, new PpoOptions(0.2f, 1f, 0f, learningRate, epochs, 64, 7919L + fits++));
    return losses.get(losses.size() - 1);
  }

  /**
   * The advantage of each decision of a rollout with reward {@code reward}: {@code (reward -
   * V(s_t)) / sd}, at most 0 for a failed rollout (BoPO's rule that a failure is never rewarded).
   */
  float[] advantages(Rollout rollout, double reward, double sd) {
    List<Decision> ds = rollout.decisions();
    float[] out = new float[ds.size()];
    for (int t = 0; t < out.length; t++) {
      double a = (reward - value(ds.get(t).features())) / sd;
      if (!rollout.success()) a = Math.min(a, 0);
      out[t] = (float) a;
    }
    return out;
  }

  @Override
  public void close() {
    critic.close();
  }
}
