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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The hard-budget mask: whatever the policy wants, LARGE never overruns a cap. */
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

  @Property(tries = 60)
  void largeCallsNeverExceedTheirCapAndTheLedgerNeverHasToRefuseLarge(
      @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @IntRange(min = 0, max = 8) int cap,
      @ForAll @LongRange(min = 0, max = 1000) long seed) {
    List<Decision> log = new ArrayList<>();
    RunResult r =
        run(Baselines.random(p), Budget.builder().modelCalls("large", cap).build(), seed, log);

    long large = r.modelCalls().getOrDefault("large", 0L);
    assertThat(large).isLessThanOrEqualTo(cap);
    assertThat(largeRefused(r)).isFalse();
    assertThat(log.stream().filter(d -> d.chosen() == Tier.LARGE).count()).isEqualTo(large);
    // Every LARGE the policy wanted was used, or masked once the cap's room was gone.
    for (Decision d : log) {
      if (d.masked()) assertThat(d.proposed()).isEqualTo(Tier.LARGE);
    }
  }

  @Property(tries = 40)
  void anAlwaysLargePolicyUnderADollarCapNeverOverrunsItAndFallsBackToSmall(
      @ForAll @DoubleRange(min = 0.0005, max = 0.02) @net.jqwik.api.constraints.Scale(5)
          double usd) {
    List<Decision> log = new ArrayList<>();
    RunResult r = run(Baselines.alwaysLarge(), Budget.builder().usd(usd).build(), 1, log);

    assertThat(r.usd()).isLessThanOrEqualTo(usd + 1e-12);
    assertThat(largeRefused(r)).isFalse();
    // The policy always wanted LARGE: every SMALL call was the mask's doing.
    assertThat(log).allMatch(d -> d.chosen() == Tier.LARGE || d.masked());
  }
}
