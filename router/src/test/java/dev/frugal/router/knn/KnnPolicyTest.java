package dev.frugal.router.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.ModelSelection;
import dev.frugal.router.RouteState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The argmax of p_hat - lambda * cost, and the policy routing whole questions by it. */
class KnnPolicyTest {
  static KnnEstimator.Estimate est(String m, double p, double usd) {
    return new KnnEstimator.Estimate(m, p, usd, 1);
  }

  @Test
  void lambdaZeroPicksTheLikeliestModelWhateverItCosts() {
    assertThat(
            KnnPolicy.argmax(List.of(est("small", 0.5, 0.01), est("large", 0.6, 1.0)), 0).model())
        .isEqualTo("large");
  }

  @Test
  void aPricedDollarTradesSuccessForCost() {
    List<KnnEstimator.Estimate> es = List.of(est("small", 0.5, 0.01), est("large", 0.7, 0.03));
    // the gain of 0.2 costs 0.02 dollars: worth it below lambda = 10, not above
    assertThat(KnnPolicy.argmax(es, 9).model()).isEqualTo("large");
    assertThat(KnnPolicy.argmax(es, 11).model()).isEqualTo("small");
    KnnPolicy.Choice c = KnnPolicy.argmax(es, 11);
    assertThat(c.scores().get(0)).isEqualTo(0.5 - 11 * 0.01);
    assertThat(c.scores().get(1)).isEqualTo(0.7 - 11 * 0.03);
  }

  @Test
  void equalScoresGoToTheCheaperModelThenToTheFirst() {
    assertThat(
            KnnPolicy.argmax(List.of(est("large", 0.6, 0.02), est("small", 0.5, 0.01)), 10).model())
        .isEqualTo("small");
    assertThat(KnnPolicy.argmax(List.of(est("a", 0.5, 0.01), est("b", 0.5, 0.01)), 10).model())
        .isEqualTo("a");
  }

  static RouteState state(String question) {
    return new RouteState(
        new ModelSelection("run", question, 1, "step", () -> null), "small", "large", new float[0]);
  }

  @Test
  void thePolicyRoutesEachQuestionToWhereItsNeighboursSucceededAndEmbedsItOnce() {
    KnnHistory h = KnnEstimatorTest.twoClusters(new KnnSettings(3, 0, 10));
    Map<String, float[]> vectors =
        Map.of("easy one", new float[] {1f, 0.01f}, "hard one", new float[] {0.01f, 1f});
    AtomicInteger embedded = new AtomicInteger();
    Function<String, float[]> embed =
        t -> {
          embedded.incrementAndGet();
          return vectors.get(t);
        };
    KnnPolicy p = new KnnPolicy(h, embed);
    assertThat(p.name()).isEqualTo("knn");
    // near the easy cluster SMALL succeeds as often and costs less: 1 - 0.1 > 1 - 0.3
    assertThat(p.largeProbability(state("easy one"))).isEqualTo(0.0);
    // near the hard cluster only LARGE succeeds: 1 - 0.3 > 0 - 0.1
    assertThat(p.largeProbability(state("hard one"))).isEqualTo(1.0);
    for (int i = 0; i < 5; i++) p.largeProbability(state("hard one"));
    assertThat(embedded.get()).isEqualTo(2);
    // with a dollar worth more than LARGE's extra success, the hard question goes SMALL too
    KnnPolicy stingy = new KnnPolicy(h.withSettings(new KnnSettings(3, 0, 60)), embed);
    assertThat(stingy.largeProbability(state("hard one"))).isEqualTo(0.0);
  }

  @Test
  void aPairTheHistoryDoesNotKnowIsRefusedNamingTheModelsItHas() {
    KnnPolicy p =
        new KnnPolicy(KnnEstimatorTest.twoClusters(KnnSettings.DEFAULTS), t -> new float[] {1, 0});
    p.requireModels("small", "large");
    assertThatThrownBy(() -> p.requireModels("small", "gpt-4o"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no outcome of model 'gpt-4o' (it has [large, small])")
        .hasMessageContaining("fit-knn");
  }

  @Test
  void settingsOutOfRangeAreRefusedSayingWhatIsValid() {
    assertThatThrownBy(() -> new KnnSettings(0, 2, 10)).hasMessageContaining("k must be >= 1");
    assertThatThrownBy(() -> new KnnSettings(10, -1, 10)).hasMessageContaining("prior must be");
    assertThatThrownBy(() -> new KnnSettings(10, 2, Double.NaN))
        .hasMessageContaining("lambda must be a finite number >= 0");
  }
}
