package dev.frugal.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.ModelSelection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  static RouteState at(int step) {
    return new RouteState(
        new ModelSelection("r", "q", step, "step", () -> null), "s", "l", new float[0]);
  }

  @Test
  void baselinesChooseByTheirDefinition() {
    SplittableRandom rng = new SplittableRandom(1);
    assertThat(Baselines.named("always-small").choose(at(3), rng)).isEqualTo(Tier.SMALL);
    assertThat(Baselines.named("always-large").choose(at(3), rng)).isEqualTo(Tier.LARGE);
    RoutingPolicy first2 = Baselines.named("first-large-2");
    assertThat(first2.choose(at(2), rng)).isEqualTo(Tier.LARGE);
    assertThat(first2.choose(at(3), rng)).isEqualTo(Tier.SMALL);
    RoutingPolicy small1 = Baselines.named("small-first-1");
    assertThat(small1.choose(at(1), rng)).isEqualTo(Tier.SMALL);
    assertThat(small1.choose(at(2), rng)).isEqualTo(Tier.LARGE);
    RoutingPolicy r = Baselines.named("random-0.3");
    int large = 0;
    for (int i = 0; i < 10_000; i++) if (r.choose(at(1), rng) == Tier.LARGE) large++;
    assertThat(large / 10_000.0).isBetween(0.27, 0.33);
  }

  @Test
  void unknownOrMalformedBaselinesAreClearErrors() {
    assertThatThrownBy(() -> Baselines.named("random-x"))
        .hasMessageContaining("unknown routing baseline 'random-x'")
        .hasMessageContaining("first-large-K");
    assertThatThrownBy(() -> Baselines.random(1.5)).hasMessageContaining("p in [0, 1]");
  }
}
