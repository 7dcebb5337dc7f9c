package dev.frugal.router.training;

import java.util.List;

/**
 * The settings of boundary-guided training; {@link #defaults()} gives the paper's shape.
 *
 * @param k boundary runs per policy and question (paper: 5)
 * @param successThreshold successes of K for a policy to "succeed" on a question [choice: 1]
 * @param strata {@code N}: hard questions are rolled out with P(LARGE) = 1/N, 2/N, ..., N/N
 * @param perStratum rollouts per stratum ({@code N * perStratum} in all; default 5 x 3 = 15, within
 *     the paper's 10-20) [choice]
 * @param hidden hidden layer sizes of the policy [choice: one layer of 32]
 * @param sftEpochs passes of supervised training
 * @param sftLearningRate Adam's learning rate for SFT
 * @param rewards the BoPO rewards (lambda, hard bonus): one BoPO policy is trained per reward, all
 *     from the same SFT policy (several lambdas trace a cost-success frontier)
 * @param bopoIterations policy-gradient iterations (rollouts, then one update each)
 * @param groupSize rollouts per question and iteration
 * @param bopoEpochs passes over each iteration's rollouts
 * @param bopoLearningRate Adam's learning rate for BoPO
 * @param exploration BoPO rollouts sample P(LARGE) clipped to [exploration, 1 - exploration], so a
 *     near-deterministic SFT policy still tries LARGE [choice: 0.1]
 * @param threads rollouts run in parallel
 * @param seed seeds the network's initial weights, shuffles and rollout seeds
 */
public record TrainingConfig(
    int k,
    int successThreshold,
    int strata,
    int perStratum,
    List<Integer> hidden,
    int sftEpochs,
    float sftLearningRate,
    List<BoPOReward> rewards,
    int bopoIterations,
    int groupSize,
    int bopoEpochs,
    float bopoLearningRate,
    double exploration,
    int threads,
    long seed) {

  /** Checks every setting; each error names the setting and its valid range. */
  public TrainingConfig {
    positive("k", k);
    if (successThreshold < 1 || successThreshold > k) {
      throw new IllegalArgumentException(
          "successThreshold must be in [1, k=" + k + "], got " + successThreshold);
    }
    positive("strata", strata);
    positive("perStratum", perStratum);
    hidden = List.copyOf(hidden);
    rewards = List.copyOf(rewards);
    if (rewards.isEmpty()) throw new IllegalArgumentException("at least one BoPO reward is needed");
    positive("sftEpochs", sftEpochs);
    if (bopoIterations < 0)
      throw new IllegalArgumentException("bopoIterations must be >= 0, got " + bopoIterations);
    positive("groupSize", groupSize);
    positive("bopoEpochs", bopoEpochs);
    positive("threads", threads);
    if (rewards.stream().map(BoPOReward::lambda).distinct().count() != rewards.size()) {
      throw new IllegalArgumentException("BoPO rewards need distinct lambdas, got " + rewards);
    }
  }

  /**
   * K = 5 (one success counts), 5 strata x 3 rollouts, a 32-unit hidden layer, 20 SFT epochs at
   * 0.005, lambda 0.5, hard bonus 0.5, 15 BoPO iterations of 8 rollouts per question, 2 epochs each
   * at 0.005, exploration 0.1 [choice].
   */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        5,
        1,
        5,
        3,
        List.of(32),
        20,
        0.005f,
        List.of(new BoPOReward(0.5, 0.5)),
        15,
        8,
        2,
        0.005f,
        0.1,
        Runtime.getRuntime().availableProcessors(),
        1);
  }

  private static void positive(String name, int v) {
    if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
  }
}
