package dev.frugal.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.InProcessBudgetStore;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Window;
import dev.frugal.router.knn.KnnHistory;
import dev.frugal.router.knn.KnnPolicy;
import dev.frugal.router.knn.KnnSettings;
import dev.frugal.router.knn.LoggedQuestion;
import dev.frugal.router.knn.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Money is sacred under the kNN router: whatever it wants, many routed runs at once under one
 * shared ledger never spend beyond it (the hard-budget mask and the ledger, docs/router.md).
 */
class KnnBudgetSafetyTest {
  static final int RUNS = 48;

  /** A history in which LARGE always succeeds and SMALL never does: the router wants LARGE. */
  static KnnPolicy wantsLarge() {
    List<LoggedQuestion> qs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      qs.add(
          new LoggedQuestion(
              "q" + i,
              new float[] {1 + i, 1},
              Map.of("small", new Outcome(0, 0.0001, 1), "large", new Outcome(1, 0.001, 1))));
    }
    return new KnnPolicy(
        new KnnHistory("hand", 2, new KnnSettings(3, 0, 10), qs),
        t -> new float[] {t.length() % 5 + 1, 1});
  }

  static AgentBuilder agent(KnnPolicy policy, long seed) {
    LoopingModel model = new LoopingModel();
    return Agent.builder()
        .modelSelector(
            RoutedSelector.builder()
                .small(new NamedModel("small", model))
                .large(new NamedModel("large", model))
                .policy(policy)
                .seed(seed)
                .build())
        .prices(HardBudgetMaskProperties.PRICES)
        .toolsFrom(new LoopingModel.Lookup())
        .maxOutputTokens(200)
        .maxSteps(15);
  }

  static List<String> questions() {
    List<String> qs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) qs.add("What does word number " + i + " mean?");
    return qs;
  }

  @Test
  void aBatchOfConcurrentRoutedRunsNeverSpendsBeyondTheBatchBudgetOrTheSharedScope() {
    KnnPolicy policy = wantsLarge();
    assertThat(policy.choose("What does word number 3 mean?", List.of("small", "large")).model())
        .isEqualTo("large");
    double batchCap = 0.05;
    double scopeCap = 0.03;
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope =
        new BudgetScope("tenant:knn", Window.NONE, Budget.builder().usd(scopeCap).build());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<RunResult> rs =
          agent(policy, 1)
              .executor(pool)
              .sharedBudgets(SharedBudgets.of(store, scope))
              .budget(Budget.builder().usd(0.01).build())
              .build()
              .runAll(questions(), Budget.builder().usd(batchCap).build());
      double spent = rs.stream().mapToDouble(RunResult::usd).sum();
      assertThat(rs).hasSize(RUNS);
      assertThat(spent).isLessThanOrEqualTo(scopeCap + 1e-12);
      assertThat(store.view(scope).books().usd()).isLessThanOrEqualTo(scopeCap + 1e-12);
      // LARGE was bought while there was room for it
      assertThat(rs.stream().mapToLong(r -> r.modelCalls().getOrDefault("large", 0L)).sum())
          .isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void separateRunsOnManyThreadsSharingOneScopeNeverOverrunIt() throws Exception {
    KnnPolicy policy = wantsLarge();
    double scopeCap = 0.02;
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope scope =
        new BudgetScope("tenant:knn2", Window.NONE, Budget.builder().usd(scopeCap).build());
    Agent agent =
        agent(policy, 2)
            .sharedBudgets(SharedBudgets.of(store, scope))
            .budget(Budget.builder().usd(0.01).build())
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<RunResult>> fs = new ArrayList<>();
      for (String q : questions()) fs.add(pool.submit(() -> agent.run(q)));
      double spent = 0;
      long large = 0;
      for (Future<RunResult> f : fs) {
        RunResult r = f.get();
        assertThat(r.usd()).isLessThanOrEqualTo(0.01 + 1e-12);
        spent += r.usd();
        large += r.modelCalls().getOrDefault("large", 0L);
      }
      assertThat(spent).isLessThanOrEqualTo(scopeCap + 1e-12);
      assertThat(store.view(scope).books().usd()).isLessThanOrEqualTo(scopeCap + 1e-12);
      assertThat(large).isPositive();
    } finally {
      pool.shutdownNow();
    }
  }
}
