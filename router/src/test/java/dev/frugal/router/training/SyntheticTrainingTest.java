package dev.frugal.router.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.ModelSelection;
import dev.frugal.router.Decision;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RouteState;
import dev.frugal.router.RoutingPolicy;
import dev.frugal.router.Tier;
import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.PolicyNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boundary-guided training on a synthetic world where the right choice is known: a question marked
 * "comparison" is hard (it succeeds only when its first step runs on LARGE), every other question
 * is easy (SMALL succeeds). LARGE costs ten times SMALL. The right router uses LARGE exactly on the
 * first step of a hard question.
 */
class SyntheticTrainingTest {
  static final int STEPS = 4;
  static final int COMPARISON = RouterFeatures.SCHEMA.features().indexOf("q_comparison");
  static final int STEP = RouterFeatures.SCHEMA.features().indexOf("step");
  static final int FIRST = RouterFeatures.SCHEMA.features().indexOf("first_step");
  static final int LARGE_CALLS = RouterFeatures.SCHEMA.features().indexOf("large_calls");

  static boolean hard(String q) {
    return Integer.parseInt(q.substring(1)) % 3 == 0;
  }

  static float[] features(String q, int step, int largeSoFar) {
    float[] f = new float[RouterFeatures.SCHEMA.size()];
    f[COMPARISON] = hard(q) ? 1 : 0;
    f[STEP] = step / 30f;
    f[FIRST] = step <= 1 ? 1 : 0;
    f[LARGE_CALLS] = largeSoFar / 10f;
    return f;
  }

  /** Runs the synthetic episode: STEPS routed decisions, then the known success rule. */
  static final RolloutSource WORLD =
      (q, policy, seed) -> {
        SplittableRandom rng = new SplittableRandom(seed * 31 + q.hashCode());
        List<Decision> ds = new ArrayList<>();
        int large = 0;
        double usd = 0;
        boolean firstLarge = false;
        for (int step = 1; step <= STEPS; step++) {
          float[] f = features(q, step, large);
          ModelSelection sel =
              new ModelSelection(
                  "r",
                  q,
                  step,
                  "step",
                  () -> {
                    throw new AssertionError("the synthetic world has no ledger");
                  });
          RouteState st = new RouteState(sel, "small", "large", f);
          double p = policy.largeProbability(st);
          Tier t = policy.choose(st, rng);
          if (t == Tier.LARGE) {
            large++;
            usd += 0.010;
            if (step == 1) firstLarge = true;
          } else {
            usd += 0.001;
          }
          ds.add(new Decision("r", step, "step", f, p, t, t));
        }
        boolean success = !hard(q) || firstLarge;
        return new Rollout(q, success, usd, large, ds);
      };

  static double greedySuccess(RoutingPolicy p, List<String> qs, double[] usd) {
    int ok = 0;
    for (String q : qs) {
      Rollout r = WORLD.run(q, p, 0);
      if (r.success()) ok++;
      usd[0] += r.usd();
    }
    return ok / (double) qs.size();
  }

  @Test
  void trainingOnAWorldWithAKnownRightChoiceLearnsIt(@TempDir Path out) throws Exception {
    List<String> qs = new ArrayList<>();
    for (int i = 0; i < 30; i++) qs.add("q" + i);
    TrainingConfig config =
        new TrainingConfig(
            2,
            1,
            4,
            3,
            List.of(16),
            80,
            0.01f,
            List.of(new BoPOReward(0.5, 0.5)),
            4,
            4,
            2,
            0.005f,
            0.1,
            2,
            1);
    try (BoundaryTraining.Result r =
        new BoundaryTraining(config, WORLD, TrainingProgress.silent())
            .run(qs, out, Map.of("world", "synthetic"))) {
      assertThat(r.boundaries())
          .allMatch(
              b ->
                  b.boundaryClass()
                      == (hard(b.questionId()) ? BoundaryClass.HARD : BoundaryClass.EASY));
      // Each hard question's labels come from a success, so they start with LARGE, and the
      // cheapest success found is cheaper than always-LARGE (LLLL).
      assertThat(Files.readAllLines(out.resolve("sft-labels.jsonl")))
          .hasSize(10)
          .allMatch(l -> l.contains("\"labels\":\"L") && !l.contains("LLLL"));

      for (PolicyNetwork net : List.of(r.sft(), r.bopo().get(0.5))) {
        // The first step, where the choice decides success, is right on every question.
        for (String q : qs) assertThat(net.argmax(features(q, 1, 0)) == 1).isEqualTo(hard(q));
        double[] usd = {0};
        double success =
            greedySuccess(new NeuralPolicy("learned", net, NeuralPolicy.Mode.GREEDY), qs, usd);
        double[] largeUsd = {0};
        double large = greedySuccess(dev.frugal.router.Baselines.alwaysLarge(), qs, largeUsd);
        assertThat(success).isEqualTo(large).isEqualTo(1.0);
        assertThat(usd[0]).isLessThan(largeUsd[0] / 2);
      }
      // After BoPO, every decision is the cheapest right one: LARGE exactly at a hard first step.
      int right = 0;
      int total = 0;
      for (String q : qs) {
        for (int step = 1; step <= STEPS; step++) {
          boolean wantLarge = hard(q) && step == 1;
          float[] f = features(q, step, hard(q) ? 1 : 0);
          if ((r.bopo().get(0.5).argmax(f) == 1) == wantLarge) right++;
          total++;
        }
      }
      assertThat(right / (double) total).as("decision accuracy after BoPO").isGreaterThan(0.95);
      for (String f :
          List.of(
              "boundary.jsonl",
              "training.json",
              "sft/policy.json",
              "bopo-lambda-0.5/policy.params")) {
        assertThat(out.resolve(f)).isRegularFile();
      }
    }
  }

  @Test
  void theRewardPlacesCostBetweenTheBoundariesAndPaysTheHardBonusOnlyForHardSuccesses() {
    Rollout cheapWin = new Rollout("q3", true, 0.002, 0, List.of());
    Rollout dearWin = new Rollout("q3", true, 0.040, 4, List.of());
    Rollout smallFail = new Rollout("q3", false, 0.004, 0, List.of());
    Boundary hard =
        new Boundary(
            "q3", List.of(smallFail), List.of(new Rollout("q3", true, 0.040, 4, List.of())), 1);
    BoPOReward reward = new BoPOReward(0.5, 0.5);
    assertThat(reward.of(cheapWin, hard)).isEqualTo(1.5);
    assertThat(reward.of(dearWin, hard)).isEqualTo(1.0);
    assertThat(reward.of(smallFail, hard)).isEqualTo(0.0);
    Boundary easy = new Boundary("q1", List.of(cheapWin), List.of(dearWin), 1);
    assertThat(reward.of(cheapWin, easy)).isEqualTo(1.0);
    // With a majority threshold (2 of 2), one small success of two no longer makes it easy.
    Boundary strict =
        new Boundary("q1", List.of(cheapWin, smallFail), List.of(dearWin, dearWin), 2);
    assertThat(strict.boundaryClass()).isEqualTo(BoundaryClass.HARD);
    assertThat(
            new Boundary("q1", List.of(cheapWin, smallFail), List.of(dearWin), 1).boundaryClass())
        .isEqualTo(BoundaryClass.EASY);
    assertThat(BoPOReward.normalisedCost(0.022, 0.004, 0.040))
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }
}
