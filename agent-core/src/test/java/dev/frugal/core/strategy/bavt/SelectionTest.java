package dev.frugal.core.strategy.bavt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Budget-conditioned selection: p(n) = V(n)^(1/r) / sum_m V(m)^(1/r), computed stably. */
class SelectionTest {
  /** The 0.999 quantiles of the chi-square distribution with 1..6 degrees of freedom. */
  static final double[] CHI2_999 = {10.828, 13.816, 16.266, 18.467, 20.515, 22.458};

  /**
   * A tree whose frontier holds the root (0.5) and children with values 0.35, 0.65, 0.425, 0.275.
   */
  static ValueTree<String> fiveNodeTree() {
    ValueTree<String> t = new ValueTree<>("root", new TreeRules(0.5, 1e-6, 1e-3, -1, 10));
    for (double d : new double[] {-0.3, 0.3, -0.15, -0.45}) t.addScored(t.root(), "d" + d, d);
    return t;
  }

  @Test
  void probabilitiesEqualTheClosedFormPowerOfValues() {
    double[] v = {0.2, 0.5, 0.8, 0.35, 0.05};
    for (double r : new double[] {1, 0.7, 0.5, 0.2, 0.05}) {
      double[] p = Selection.probabilities(v, r, 1e-6, 1e-3);
      double sum = 0;
      for (double x : v) sum += Math.pow(x, 1 / r);
      for (int i = 0; i < v.length; i++) {
        assertThat(p[i])
            .as("r=%s node %s", r, i)
            .isCloseTo(Math.pow(v[i], 1 / r) / sum, within(1e-12));
      }
    }
  }

  /**
   * Goodness of fit: 20,000 seeded selections from {@link ValueTree#select} per ratio; bins whose
   * expected count is below 5 are merged; the chi-square statistic must stay below the 0.999
   * quantile for its degrees of freedom (a correct sampler fails this with probability 0.001; the
   * seed is fixed, so the outcome is reproducible).
   */
  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5, 0.2})
  void selectionFrequenciesMatchTheFormula(double r) {
    ValueTree<String> t = fiveNodeTree();
    List<ValueTree.Node<String>> frontier = t.frontier();
    assertThat(frontier).hasSize(5);
    double[] p = t.probabilities(r);
    int n = 20_000;
    int[] counts = new int[frontier.size()];
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < n; i++) counts[frontier.indexOf(t.select(r, rng))]++;

    List<double[]> bins = new ArrayList<>(); // {observed, expected}
    double[] rest = {0, 0};
    for (int i = 0; i < p.length; i++) {
      double expected = n * p[i];
      if (expected < 5) {
        rest[0] += counts[i];
        rest[1] += expected;
      } else {
        bins.add(new double[] {counts[i], expected});
      }
    }
    if (rest[1] >= 5) bins.add(rest);
    else if (rest[1] > 0) { // fold a tiny remainder into the smallest bin
      double[] smallest = bins.stream().min((a, b) -> Double.compare(a[1], b[1])).orElseThrow();
      smallest[0] += rest[0];
      smallest[1] += rest[1];
    }
    double chi2 = 0;
    for (double[] b : bins) chi2 += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
    int dof = bins.size() - 1;
    assertThat(dof).isGreaterThanOrEqualTo(1);
    assertThat(chi2).as("chi-square with %d dof at r=%s", dof, r).isLessThan(CHI2_999[dof - 1]);
    // the selection counter of each node agrees with the draws
    for (int i = 0; i < frontier.size(); i++)
      assertThat(frontier.get(i).selections()).isEqualTo(counts[i]);
  }

  @Test
  void atARatioNearZeroItPicksTheArgmax() {
    ValueTree<String> t = new ValueTree<>("root", new TreeRules(0.5, 1e-6, 1e-3, -1, 10));
    t.addScored(t.root(), "a", 0.01); // 0.51: the best
    t.addScored(t.root(), "b", -0.2); // 0.30
    ValueTree.Node<String> best = t.nodes().get(1);
    SplittableRandom rng = new SplittableRandom(7);
    for (double r : new double[] {1e-3, 1e-6, 0.0}) {
      for (int i = 0; i < 1000; i++) assertThat(t.select(r, rng)).isSameAs(best);
    }
    // and at r = 1 the others do get picked
    int others = 0;
    for (int i = 0; i < 1000; i++) if (t.select(1.0, rng) != best) others++;
    assertThat(others).isGreaterThan(500);
  }

  /**
   * After a run of good steps, nodes of different depth still have different values (the first
   * rule, {@code clip(V + delta)}, put them all at 1, where {@code ln 1 = 0}), so the deepest
   * node's chance keeps rising as r falls and becomes the argmax near r = 0.
   */
  @Test
  void selectionStillSharpensAsTheRatioFallsAfterManyPositiveSteps() {
    ValueTree<String> t = new ValueTree<>("root", TreeRules.defaults());
    ValueTree.Node<String> n = t.root();
    for (int i = 0; i < 6; i++) n = t.addScored(n, "step" + i, 0.3);
    List<ValueTree.Node<String>> frontier = t.frontier();
    assertThat(frontier).hasSize(6); // the root left the frontier with its first kept child
    for (int i = 1; i < frontier.size(); i++) {
      assertThat(frontier.get(i).value()).isGreaterThan(frontier.get(i - 1).value()).isLessThan(1);
    }
    int deepest = frontier.size() - 1;
    double previous = 0;
    for (double r : new double[] {1, 0.5, 0.2, 0.05, 0.01, 1e-3}) {
      double p = t.probabilities(r)[deepest];
      assertThat(p).as("p(deepest) at r=%s", r).isGreaterThan(previous);
      previous = p;
    }
    assertThat(previous).isGreaterThan(0.99);
  }

  @Test
  void numericallyExtremeValuesAndRatiosGiveFiniteProbabilities() {
    double[][] trees = {
      {0, Double.MIN_VALUE, 1e-300, 1e-6, 1 - 1e-16, 1},
      {0, 0, 0},
      {1, 1, 1e-12},
      {1e-6, 1e-6 * (1 + 1e-15)},
      {-5, 7, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
    };
    double[] ratios = {0, Double.MIN_VALUE, 1e-300, 1e-3, 0.5, 1, 5, Double.POSITIVE_INFINITY};
    for (double[] v : trees) {
      for (double r : ratios) {
        double[] p = Selection.probabilities(v, r, 1e-6, 1e-3);
        double sum = 0;
        for (double x : p) {
          assertThat(Double.isFinite(x)).as("p finite for %s at r=%s", v, r).isTrue();
          assertThat(x).isBetween(0.0, 1.0);
          sum += x;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        int idx = Selection.sample(p, new SplittableRandom(1));
        assertThat(idx).isBetween(0, v.length - 1);
      }
    }
    // the two nodes at V = 1 share nearly all the mass at a tiny ratio
    double[] p = Selection.probabilities(new double[] {1, 1, 1e-12}, 1e-9, 1e-6, 1e-3);
    assertThat(p[0]).isCloseTo(0.5, within(1e-12));
    assertThat(p[2]).isEqualTo(0.0);
  }

  @Test
  void aTreeDrivenToItsBoundsKeepsFiniteValuesAndStillSelects() {
    ValueTree<String> t = new ValueTree<>("root", new TreeRules(1e-6, 1e-6, 1e-3, -1, 3));
    ValueTree.Node<String> low = t.addScored(t.root(), "down", -0.999);
    ValueTree.Node<String> high = t.addScored(t.root(), "up", 1.0);
    ValueTree.Node<String> top = t.addScored(high, "up again", 1.0);
    assertThat(low.value()).isEqualTo(1e-6);
    assertThat(high.value()).isEqualTo(1 - 1e-6);
    assertThat(top.value()).isEqualTo(1 - 1e-6);
    SplittableRandom rng = new SplittableRandom(3);
    for (double r : new double[] {1e-12, 1e-3, 1}) {
      double[] p = t.probabilities(r);
      for (double x : p) assertThat(Double.isNaN(x)).isFalse();
      assertThat(t.select(r, rng)).isNotNull();
    }
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    assertThatThrownBy(() -> Selection.probabilities(new double[0], 1, 1e-6, 1e-3))
        .hasMessageContaining("frontier is empty");
    assertThatThrownBy(() -> Selection.probabilities(new double[] {0.5}, Double.NaN, 1e-6, 1e-3))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Selection.probabilities(new double[] {Double.NaN}, 1, 1e-6, 1e-3))
        .hasMessageContaining("value 0 is NaN");
    assertThatThrownBy(() -> Selection.probabilities(new double[] {0.5}, 1, 0, 1e-3))
        .hasMessageContaining("minValue must be in (0, 1)");
  }
}
