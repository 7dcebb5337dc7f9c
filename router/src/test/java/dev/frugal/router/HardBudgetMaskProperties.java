package dev.frugal.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hard-budget mask: whatever the policy wants, LARGE never overruns a cap. Checked on random
 * inputs drawn from fixed seeds (plain JUnit 5); a failure names the inputs that broke it.
 */
class HardBudgetMaskProperties {
  static final PriceTable PRICES =
      PriceTable.builder()
          .model("small", ModelPrice.of(0.15, 0.60))
          .model("large", ModelPrice.of(2.50, 10.0))
          .build();

  static RunResult run(RoutingPolicy policy, Budget budget, long seed, List<Decision> log) {
    LoopingModel model = new LoopingModel();
    RoutedSelector selector =
        RoutedSelector.builder()
            .small(new NamedModel("small", model))
            .large(new NamedModel("large", model))
            .policy(policy)
            .seed(seed)
            .listener(log::add)
            .build();
    return Agent.builder()
        .modelSelector(selector)
        .prices(PRICES)
        .toolsFrom(new LoopingModel.Lookup())
        .budget(budget)
        .maxSteps(15)
        .build()
        .run("What do the words mean?");
  }

  static boolean largeRefused(RunResult r) {
    return r.trace().stream()
        .anyMatch(e -> e instanceof RunEvent.Refused f && f.what().equals("model large"));
  }

  @Test
  void largeCallsNeverExceedTheirCapAndTheLedgerNeverHasToRefuseLarge() {
    SplittableRandom rnd = new SplittableRandom(0xB0D6E7L);
    for (int i = 0; i < 60; i++) {
      double p = i == 0 ? 0 : i == 1 ? 1 : rnd.nextDouble();
      int cap = i < 2 ? 0 : rnd.nextInt(0, 9);
      long seed = rnd.nextLong(0, 1001);
      largeNeverExceedsItsCap(p, cap, seed);
    }
  }

  private void largeNeverExceedsItsCap(double p, int cap, long seed) {
    List<Decision> log = new ArrayList<>();
    RunResult r =
        run(Baselines.random(p), Budget.builder().modelCalls("large", cap).build(), seed, log);

    String inputs = "p=" + p + ", cap=" + cap + ", seed=" + seed;
    long large = r.modelCalls().getOrDefault("large", 0L);
    assertThat(large).as(inputs).isLessThanOrEqualTo(cap);
    assertThat(largeRefused(r)).as(inputs).isFalse();
    assertThat(log.stream().filter(d -> d.chosen() == Tier.LARGE).count())
        .as(inputs)
        .isEqualTo(large);
    // Every LARGE the policy wanted was used, or masked once the cap's room was gone.
    for (Decision d : log) {
      if (d.masked()) assertThat(d.proposed()).as(inputs).isEqualTo(Tier.LARGE);
    }
  }

  @Test
  void anAlwaysLargePolicyUnderADollarCapNeverOverrunsItAndFallsBackToSmall() {
    SplittableRandom rnd = new SplittableRandom(0xD011A7L);
    for (int i = 0; i < 40; i++) {
      // dollars with 5 decimals in [0.0005, 0.02], both ends included
      double usd = i == 0 ? 0.0005 : i == 1 ? 0.02 : rnd.nextInt(50, 2001) / 100_000.0;
      List<Decision> log = new ArrayList<>();
      RunResult r = run(Baselines.alwaysLarge(), Budget.builder().usd(usd).build(), 1, log);

      assertThat(r.usd()).as("usd cap %s", usd).isLessThanOrEqualTo(usd + 1e-12);
      assertThat(largeRefused(r)).as("usd cap %s", usd).isFalse();
      // The policy always wanted LARGE: every SMALL call was the mask's doing.
      assertThat(log).as("usd cap %s", usd).allMatch(d -> d.chosen() == Tier.LARGE || d.masked());
    }
  }
}
