package dev.frugal.memory.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.memory.Conversations;
import dev.frugal.memory.EchoingMemoryModel;
import dev.frugal.memory.Memory;
import dev.frugal.memory.MemoryTest;
import dev.frugal.memory.Recall;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.router.policy.PpoOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierRouterTest {
  private static final Embedder E = Embedder.shared();
  private static final double[] USD = {0, 0.01, 0.03}; // per module, LOW / MID / HIGH

  /**
   * A synthetic task: on "hard" questions an oracle scores a module 1 at HIGH, 0.4 at MID, 0 at
   * LOW; on "easy" ones it scores 1 at LOW, 0.5 at MID, 0.2 at HIGH (heavier processing loses the
   * detail). Cost grows with the tier.
   */
  private static PpoTierTraining.Episode episode(String query, boolean hard) {
    float[] q = E.embed(query);
    return chooser -> {
      double score = 0;
      double usd = 0;
      for (Module m : Module.values()) {
        MemoryTier t =
            chooser.choose(
                m,
                new TierChooser.Situation(query, q, "module " + m),
                EnumSet.allOf(MemoryTier.class));
        score += (hard ? new double[] {0, 0.4, 1} : new double[] {1, 0.5, 0.2})[t.ordinal()];
        usd += USD[t.ordinal()];
      }
      return new PpoTierTraining.Outcome(score / 5, usd);
    };
  }

  private static final List<String> HARD =
      List.of(
          "Which film directed by the author of the novel won the prize after the war?",
          "Who was the spouse of the founder of the company that bought the studio?",
          "In which year did the team of the coach who trained the champion move cities?",
          "What is the birthplace of the composer whose opera premiered in the capital?");
  private static final List<String> EASY =
      List.of(
          "What is Maria's dog called?",
          "Where does Ana live?",
          "What does Tom eat?",
          "Is it raining today?");

  // The paper's PPO settings except a learning rate of 1e-3 (3e-4 needs about three times the
  // iterations on this small task); lambda 0.1.
  @Test
  void ppoLearnsTheTierTheOracleFavours(@TempDir Path dir) {
    List<PpoTierTraining.Episode> episodes = new ArrayList<>();
    HARD.forEach(q -> episodes.add(episode(q, true)));
    EASY.forEach(q -> episodes.add(episode(q, false)));
    try (TierRouter router = TierRouter.untrained(7, List.of(64), Device.cpu(), E)) {
      List<PpoTierTraining.Progress> progress =
          PpoTierTraining.train(
              router,
              episodes,
              new PpoTierTraining.Config(
                  0.1, 32, 40, 2000, 7, PpoOptions.paper(7).withLearningRate(1e-3f)),
              null);
      assertThat(progress).hasSize(40);
      for (String q : HARD) assertThat(decisions(router, q)).as(q).containsOnly(MemoryTier.HIGH);
      for (String q : EASY) assertThat(decisions(router, q)).as(q).containsOnly(MemoryTier.LOW);
      // a saved router loads and decides the same
      router.save(dir, Map.of("test", "synthetic oracle"));
      try (TierRouter loaded = TierRouter.load(dir, E)) {
        for (String q : List.of(HARD.get(0), EASY.get(0), "An unseen question about rivers?")) {
          assertThat(decisions(loaded, q)).isEqualTo(decisions(router, q));
          float[] x = router.features(Module.FILTER, new TierChooser.Situation(q, E.embed(q), "s"));
          assertThat(loaded.network().evaluate(x, null).probabilities())
              .containsExactly(router.network().evaluate(x, null).probabilities());
        }
      }
    }
  }

  private static List<MemoryTier> decisions(TierRouter router, String query) {
    float[] q = E.embed(query);
    List<MemoryTier> out = new ArrayList<>();
    for (Module m : Module.values()) {
      out.add(
          router.choose(
              m,
              new TierChooser.Situation(query, q, "module " + m),
              EnumSet.allOf(MemoryTier.class)));
    }
    return out;
  }

  @Test
  void underATinyCapTheRouterNeverPicksAMaskedTierNorOverspends() {
    EchoingMemoryModel model = new EchoingMemoryModel(false);
    try (TierRouter router = TierRouter.untrained(3, List.of(16), Device.cpu(), E)) {
      for (double cap : new double[] {0, 2e-5, 3e-4}) {
        Memory memory =
            Memory.builder()
                .history(Conversations.small())
                .models(MemoryTest.models(model))
                .axis(Axis.CAPACITY)
                .tiers(router)
                .perQueryUsd(cap)
                .build();
        try (Ledger run = Ledger.open(Budget.unlimited())) {
          for (String q : List.of("When did Maria perform?", "Where did Tom travel?")) {
            Recall r = memory.recall(q, run);
            assertThat(r.usd()).isLessThanOrEqualTo(cap);
            r.details()
                .runs()
                .forEach(
                    x -> {
                      if (x.tier() != null) assertThat(x.allowed()).contains(x.tier());
                    });
          }
        }
      }
    }
  }

  @Test
  void theShippedDefaultRouterLoadsWithItsTrainingNoteAndDecidesWithinTheMask() {
    try (TierRouter router = TierRouter.loadDefault(E)) {
      String q = "Which city did Maria's sister fly in from?";
      var situation = new TierChooser.Situation(q, E.embed(q), "state");
      for (Module m : Module.values()) {
        assertThat(router.choose(m, situation, EnumSet.of(MemoryTier.LOW, MemoryTier.MID)))
            .isIn(MemoryTier.LOW, MemoryTier.MID);
        assertThat(router.choose(m, situation, EnumSet.of(MemoryTier.HIGH)))
            .isEqualTo(MemoryTier.HIGH);
      }
    }
    assertThat(TierRouter.class.getResource(TierRouter.DEFAULT_RESOURCE + "/policy.json"))
        .isNotNull();
  }
}
