package dev.frugal.router.training;

import java.util.List;

/**
 * The settings of boundary-guided training; {@link #defaults()} gives the paper's shape.
 *
 * @param k boundary runs per policy and question (paper: 5)
 * @param strata {@code N}: hard questions are rolled out with P(LARGE) = 1/N, 2/N, ..., N/N
 * @param perStratum rollouts per stratum ({@code N * perStratum} in all; default 5 x 3 = 15, within
 *     the paper's 10-20) [choice]
 * @param hidden hidden layer sizes of the policy [choice: one layer of 32]
 * @param sftEpochs passes of supervised training
 * @param sftLearningRate Adam's learning rate for SFT
 * @param reward the BoPO reward (lambda, hard bonus)
 * @param bopoIterations policy-gradient iterations (rollouts, then one update each)
 * @param groupSize rollouts per question and iteration
 * @param bopoEpochs passes over each iteration's rollouts
 * @param bopoLearningRate Adam's learning rate for BoPO
 * @param threads rollouts run in parallel
 * @param seed seeds the network's initial weights, shuffles and rollout seeds
 */
public record TrainingConfig(
    int k,
    int strata,
    int perStratum,
    List<Integer> hidden,
    int sftEpochs,
    float sftLearningRate,
    BoPOReward reward,
    int bopoIterations,
    int groupSize,
    int bopoEpochs,
    float bopoLearningRate,
    int threads,
    long seed) {

  public TrainingConfig {
    positive("k", k);
    positive("strata", strata);
    positive("perStratum", perStratum);
    hidden = List.copyOf(hidden);
    positive("sftEpochs", sftEpochs);
    if (bopoIterations < 0)
      throw new IllegalArgumentException("bopoIterations must be >= 0, got " + bopoIterations);
    positive("groupSize", groupSize);
    positive("bopoEpochs", bopoEpochs);
    positive("threads", threads);
  }

  /**
   * K = 5, 5 strata x 3 rollouts, a 32-unit hidden layer, 60 SFT epochs at 0.005, lambda 0.5, hard
   * bonus 0.5, 6 BoPO iterations of 4 rollouts per question, 2 epochs at 0.002 [choice].
   */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        5,
        5,
        3,
        List.of(32),
        60,
        0.005f,
        new BoPOReward(0.5, 0.5),
        6,
        4,
        2,
        0.002f,
        Runtime.getRuntime().availableProcessors(),
        1);
  }

  public TrainingConfig withReward(BoPOReward r) {
    return new TrainingConfig(
        k,
        strata,
        perStratum,
        hidden,
        sftEpochs,
        sftLearningRate,
        r,
        bopoIterations,
        groupSize,
        bopoEpochs,
        bopoLearningRate,
        threads,
        seed);
  }

  private static void positive(String name, int v) {
    if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
  }
}
