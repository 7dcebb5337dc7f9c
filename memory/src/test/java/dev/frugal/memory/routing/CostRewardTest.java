package dev.frugal.memory.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostRewardTest {

  @Test
  void cheapEndEarnsOneDearEndZeroAndTheMiddleInBetween() {
    CostReward r = new CostReward(2000);
    for (int i = 0; i <= 100; i++) r.observe(i * i * 1e-6); // sqrt spread uniformly 0..0.1
    assertThat(r.reward(0)).isEqualTo(1.0);
    assertThat(r.reward(0.01)).isEqualTo(0.0); // sqrt = 0.1, above q95
    // sqrt(c) = 0.05: (0.05 - 0.005) / (0.095 - 0.005) = 0.5
    assertThat(r.reward(0.0025)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theWindowSlides() {
    CostReward r = new CostReward(10);
    for (int i = 0; i < 10; i++) r.observe(1.0);
    assertThat(r.reward(1.0)).isEqualTo(1.0); // no spread: at the value earns 1
    assertThat(r.reward(2.0)).isEqualTo(0.0);
    for (int i = 0; i < 10; i++) r.observe(i % 2 == 0 ? 0 : 4.0);
    assertThat(r.size()).isEqualTo(10);
    assertThat(r.reward(1.0)).isCloseTo(0.5, within(1e-9)); // sqrt spread 0..2 now
  }
}
