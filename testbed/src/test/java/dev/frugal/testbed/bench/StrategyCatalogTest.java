package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every catalogued strategy builds, and names what it is. */
class StrategyCatalogTest {

  @Test
  void everyBaselineAndAblationOfTheBatsPaperIsCatalogued() {
    assertThat(StrategyCatalog.names())
        .contains(
            "react",
            "react+tracker",
            "budget-forcing",
            "parallel-majority",
            "bats",
            "bats-early-stop",
            "bats-bom",
            "bats-no-plan",
            "bats-no-verify",
            "bats-single",
            "bats-until-spent",
            "bats-latest-only",
            "bavt-per-tool",
            "parallel-majority-total");
    for (String name : StrategyCatalog.names()) {
      StrategyCatalog.Spec spec = StrategyCatalog.get(name);
      String built = spec.strategy().get().name();
      assertThat(name.replace("+tracker", "")).as(name).isEqualTo(built);
    }
    assertThat(StrategyCatalog.get("bats").tracker()).isTrue();
    assertThatThrownBy(() -> StrategyCatalog.get("bats-fast"))
        .hasMessageStartingWith("unknown strategy 'bats-fast'; known strategies: react,");
  }

  @Test
  void parallelMajorityTakesItsSampleCountFromTheName() {
    StrategyCatalog.Spec six = StrategyCatalog.get("parallel-majority-6");
    assertThat(six.name()).isEqualTo("parallel-majority-6");
    assertThat(six.tracker()).isFalse();
    assertThat(six.strategy().get()).isInstanceOf(dev.frugal.core.strategy.ParallelMajority.class);
    assertThat(StrategyCatalog.get("parallel-majority-total").name())
        .isEqualTo("parallel-majority-total");
    assertThatThrownBy(() -> StrategyCatalog.get("parallel-majority-0"))
        .hasMessageContaining("parallel-majority-N takes N from 1 to 64");
    assertThatThrownBy(() -> StrategyCatalog.get("parallel-majority-65"))
        .hasMessageContaining("asks for 65 samples");
    assertThatThrownBy(() -> StrategyCatalog.get("parallel-majority-x"))
        .hasMessageEndingWith("and parallel-majority-N (N samples, 1 to 64)");
  }

  @Test
  void theExtrasAreCataloguedForTheBenchAndAsk() {
    assertThat(StrategyCatalog.get("pets").strategy().get().name()).isEqualTo("pets");
    assertThat(StrategyCatalog.get("plan-and-budget").strategy().get().name())
        .isEqualTo("plan-and-budget");
  }

  @Test
  void batsTakesItsContinueShareFromTheName() {
    StrategyCatalog.Spec quarter = StrategyCatalog.get("bats-continue-0.25");
    assertThat(quarter.name()).isEqualTo("bats-continue-0.25");
    assertThat(quarter.tracker()).isTrue();
    dev.frugal.core.strategy.bats.Bats b =
        (dev.frugal.core.strategy.bats.Bats) quarter.strategy().get();
    assertThat(b.continueShare()).isEqualTo(0.25);
    assertThat(
            ((dev.frugal.core.strategy.bats.Bats)
                    StrategyCatalog.get("bats-continue-1").strategy().get())
                .continueShare())
        .isEqualTo(1.0);
    assertThatThrownBy(() -> StrategyCatalog.get("bats-continue-2"))
        .hasMessageContaining("bats-continue-S takes S from 0 to 1");
    assertThatThrownBy(() -> StrategyCatalog.get("bats-continue-x"))
        .hasMessageContaining("bats-continue-S (S from 0 to 1, e.g. bats-continue-0.25)");
  }
}
