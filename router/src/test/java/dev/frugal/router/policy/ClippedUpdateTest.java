package dev.frugal.router.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BoPO update is a PPO clipped surrogate with a KL term to the SFT reference and importance
 * weights for the exploration floor, so one iteration cannot throw the policy to all-LARGE the way
 * the plain advantage-weighted update does.
 */
class ClippedUpdateTest {
  static final float[] X = {0.3f, 0.6f, 0.2f, 0.9f};

  static List<ClippedExample> pushLarge(PolicyNetwork net, int copies, float behaviour) {
    float[] p = net.probabilities(X);
    List<ClippedExample> out = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      float mu = behaviour > 0 ? behaviour : p[1];
      out.add(new ClippedExample(X, 1, 1f, p[1], mu, p.clone()));
    }
    return out;
  }

  /**
   * Once an action's ratio {@code pi / pi_old} is beyond {@code 1 + eps} in the direction its
   * advantage pushes, the clipped surrogate is flat: the update leaves the policy as it is, where
   * the plain advantage-weighted update keeps pushing.
   */
  @Test
  void beyondTheClipRangeThePolicyIsNotPushedFurther() {
    try (PolicyNetwork net = PolicyNetworkTest.fresh()) {
      float[] p = net.probabilities(X);
      List<ClippedExample> beyond = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        beyond.add(new ClippedExample(X, 1, 1f, p[1] / 1.5f, p[1] / 1.5f, p.clone()));
      }
      net.trainClipped(beyond, new TrainingOptions(5, 16, 0.05f, 1), 0.2, 0.0);
      assertThat(net.probabilities(X)[1]).isCloseTo(p[1], within(1e-6f));
      // inside the range it does move toward the rewarded action
      net.trainClipped(pushLarge(net, 16, 0), new TrainingOptions(1, 16, 0.05f, 1), 0.2, 0.0);
      assertThat(net.probabilities(X)[1]).isGreaterThan(p[1] + 1e-3f);
    }
    try (PolicyNetwork net = PolicyNetworkTest.fresh()) {
      float p = net.probabilities(X)[1];
      List<Example> plain = new ArrayList<>();
      for (int i = 0; i < 16; i++) plain.add(new Example(X, 1, 1f));
      net.train(plain, new TrainingOptions(5, 16, 0.05f, 1));
      assertThat(net.probabilities(X)[1]).isGreaterThan(p + 1e-3f);
    }
  }

  @Test
  void theKlTermPullsThePolicyBackTowardItsReference() {
    try (PolicyNetwork net = PolicyNetworkTest.fresh()) {
      float[] ref = net.probabilities(X).clone();
      // a zero advantage: only the KL term acts, from a policy moved away from the reference
      List<Example> away = new ArrayList<>();
      for (int i = 0; i < 64; i++) away.add(new Example(X, 1, 1f));
      net.train(away, new TrainingOptions(60, 64, 0.01f, 2));
      float moved = net.probabilities(X)[1];
      List<ClippedExample> kl = new ArrayList<>();
      for (int i = 0; i < 64; i++) kl.add(new ClippedExample(X, 1, 0f, moved, moved, ref));
      net.trainClipped(kl, new TrainingOptions(60, 64, 0.01f, 3), 0.2, 1.0);
      float back = net.probabilities(X)[1];
      assertThat(Math.abs(back - ref[1])).isLessThan(Math.abs(moved - ref[1]) / 2);
    }
  }

  @Test
  void eachDecisionIsWeightedByOldOverBehaviourProbabilityToCorrectForTheExplorationFloor() {
    try (PolicyNetwork net = PolicyNetworkTest.fresh()) {
      float p = net.probabilities(X)[1];
      // At the first step the ratio is 1 and the KL term 0: the loss is -rho * A exactly.
      double corrected =
          net.trainClipped(pushLarge(net, 1, 0.9f), new TrainingOptions(1, 1, 1e-9f, 1), 0.2, 0.1)
              .get(0);
      assertThat(corrected).isCloseTo(-(p / 0.9), within(1e-4));
      double uncorrected =
          net.trainClipped(pushLarge(net, 1, 0), new TrainingOptions(1, 1, 1e-9f, 1), 0.2, 0.1)
              .get(0);
      assertThat(uncorrected).isCloseTo(-1.0, within(1e-4));
    }
  }
}
