package dev.frugal.router.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.frugal.router.Decision;
import dev.frugal.router.Tier;
import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.PolicyNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-state value baseline gives each step of a rollout its own advantage. */
class ValueBaselineTest {
  private static float[] state(boolean hopeful) {
    float[] f = new float[RouterFeatures.SCHEMA.size()];
    f[RouterFeatures.SCHEMA.features().indexOf("last_q_overlap")] = hopeful ? 1 : 0;
    f[RouterFeatures.SCHEMA.features().indexOf("step")] = hopeful ? 0.1f : 0.2f;
    return f;
  }

  private static Decision decision(boolean hopeful, Tier tier) {
    return new Decision("r", 1, "step", state(hopeful), 0.5, tier, tier);
  }

  @Test
  void theValueOfAStateFollowsTheRewardsOfRolloutsThatReachedIt() {
    PolicyNetwork.seed(11);
    // Rollouts that saw a matching paragraph (last_q_overlap = 1) earned 1; the others 0.
    List<Rollout> rollouts = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      boolean hopeful = i % 2 == 0;
      rollouts.add(new Rollout("q" + i, hopeful, 0.01, 0, List.of(decision(hopeful, Tier.SMALL))));
      rewards.add(hopeful ? 1.0 : 0.0);
    }
    try (ValueBaseline critic = new ValueBaseline(List.of(16), 0.01, 4, Device.cpu())) {
      double first = critic.fit(rollouts, rewards);
      double last = first;
      for (int i = 0; i < 15; i++) last = critic.fit(rollouts, rewards);
      assertThat(last).isLessThan(first);
      float hopeful = critic.value(state(true));
      float hopeless = critic.value(state(false));
      assertThat(hopeful - hopeless).isGreaterThan(0.5f);

      // One successful rollout through a hopeless state, then a hopeful one: the group baseline
      // would give both steps the same advantage; the value baseline credits the step taken in
      // the hopeless state (where success was not expected) more than the one in the hopeful state.
      Rollout mixed =
          new Rollout(
              "m", true, 0.02, 1, List.of(decision(false, Tier.LARGE), decision(true, Tier.SMALL)));
      float[] adv = critic.advantages(mixed, 1.0, 1.0);
      assertThat(adv[0]).isGreaterThan(adv[1] + 0.5f);
      // A failure is never rewarded, even from a hopeless state.
      Rollout failed = new Rollout("f", false, 0.02, 0, List.of(decision(false, Tier.SMALL)));
      assertThat(critic.advantages(failed, 0.0, 1.0)[0]).isLessThanOrEqualTo(0f);
    }
  }

  @Test
  void bopoUsesTheValueBaselineByDefault() {
    assertThat(BoPOUpdate.defaults().valueBaseline()).isTrue();
    assertThat(BoPOUpdate.reinforce().valueBaseline()).isFalse();
  }
}
