package dev.frugal.router.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The neighbour rule on hand-built histories whose right answers are known. */
class KnnEstimatorTest {
  static LoggedQuestion q(String id, float x, float y, double small, double large) {
    return new LoggedQuestion(
        id,
        new float[] {x, y},
        Map.of("small", new Outcome(small, 0.01, 1), "large", new Outcome(large, 0.03, 1)));
  }

  /** Two clusters: near (1, 0) both models succeed; near (0, 1) only LARGE does. */
  static KnnHistory twoClusters(KnnSettings s) {
    return new KnnHistory(
        "hand",
        2,
        s,
        List.of(
            q("a1", 1f, 0f, 1, 1),
            q("a2", 0.95f, 0.05f, 1, 1),
            q("a3", 0.9f, 0.1f, 1, 1),
            q("b1", 0f, 1f, 0, 1),
            q("b2", 0.05f, 0.95f, 0, 1),
            q("b3", 0.1f, 0.9f, 0, 1)));
  }

  @Test
  void withoutAPriorTheEstimateIsTheMeanOfTheKNearestQuestions() {
    KnnEstimator e = new KnnEstimator(twoClusters(new KnnSettings(3, 0, 10)));
    assertThat(e.estimate(new float[] {1f, 0.02f}, "small").success()).isEqualTo(1.0);
    assertThat(e.estimate(new float[] {0.02f, 1f}, "small").success()).isEqualTo(0.0);
    assertThat(e.estimate(new float[] {0.02f, 1f}, "large").success()).isEqualTo(1.0);
    assertThat(e.estimate(new float[] {0.02f, 1f}, "large").neighbours()).isEqualTo(3);
  }

  @Test
  void theNeighboursAreChosenByCosineSoALongVectorInTheSameDirectionIsTheNearest() {
    // Euclidean distance would make (0.1, 0.1) the nearest of (5, 0.2); cosine picks (1, 0)
    KnnHistory h =
        new KnnHistory(
            "hand",
            2,
            new KnnSettings(1, 0, 0),
            List.of(q("diagonal", 0.1f, 0.1f, 0, 0), q("axis", 1f, 0f, 1, 1)));
    assertThat(new KnnEstimator(h).estimate(new float[] {5f, 0.2f}, "small").success())
        .isEqualTo(1.0);
  }

  @Test
  void thePriorShrinksTowardTheModelsRateOverTheWholeHistory() {
    // k = 1, prior = 2: the nearest (success 0) plus 2 pseudo-questions at the base rate 0.5
    KnnEstimator e = new KnnEstimator(twoClusters(new KnnSettings(1, 2, 0)));
    KnnEstimator.Estimate est = e.estimate(new float[] {0f, 1f}, "small");
    assertThat(est.success()).isCloseTo((0 + 2 * 0.5) / 3, within(1e-12));
    assertThat(est.usd()).isCloseTo(0.01, within(1e-12));
    assertThat(est.neighbours()).isEqualTo(1);
  }

  @Test
  void kLargerThanTheModelsQuestionsUsesThemAll() {
    KnnHistory h =
        new KnnHistory(
            "hand",
            2,
            new KnnSettings(50, 0, 0),
            List.of(
                q("a", 1f, 0f, 1, 1),
                new LoggedQuestion(
                    "only-small", new float[] {0f, 1f}, Map.of("small", new Outcome(0, 0.02, 2)))));
    KnnEstimator.Estimate large = new KnnEstimator(h).estimate(new float[] {0f, 1f}, "large");
    assertThat(large.neighbours()).isEqualTo(1);
    assertThat(large.success()).isEqualTo(1.0);
    KnnEstimator.Estimate small = new KnnEstimator(h).estimate(new float[] {0f, 1f}, "small");
    assertThat(small.neighbours()).isEqualTo(2);
    assertThat(small.success()).isEqualTo(0.5);
    assertThat(small.usd()).isCloseTo(0.015, within(1e-12));
  }

  @Test
  void aModelWithoutOutcomesOrAnEmbeddingOfAnotherWidthIsAClearError() {
    KnnEstimator e = new KnnEstimator(twoClusters(KnnSettings.DEFAULTS));
    assertThatThrownBy(() -> e.estimate(new float[] {1f, 0f}, "medium"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no outcome of model 'medium'")
        .hasMessageContaining("[large, small]");
    assertThatThrownBy(() -> e.estimate(new float[] {1f, 0f, 0f}, "small"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 values")
        .hasMessageContaining("hand (2 values)");
  }
}
