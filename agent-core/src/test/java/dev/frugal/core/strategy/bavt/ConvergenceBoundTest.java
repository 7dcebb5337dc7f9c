package dev.frugal.core.strategy.bavt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The convergence guarantee of the BAVT paper (arXiv 2603.12634): with M >= (1/pMin)(K + sqrt(2K
 * ln(1/eps)) + 2 ln(1/eps)) expansions the search reaches a terminal answer with probability >= 1 -
 * eps.
 *
 * <p>The synthetic tree: a node's state is its progress level (the root is at 0). Expanding a node
 * at level k makes progress with probability pMin: a child at level k + 1 scored delta = +0.5/K (a
 * terminal answer at level K); otherwise a child at level k scored -0.5/K, which is pruned. The
 * search is the real {@link ValueTree} with its default rules (V0 0.5, at most 3 children per
 * node), selecting at the remaining ratio r = 1 - expansions used / M. Selection may pick a node
 * below the deepest one, which the theorem's "every expansion progresses with probability pMin"
 * does not charge for; the test checks that the bound still holds with that overhead.
 */
class ConvergenceBoundTest {
  static final int TRIALS = 2000;

  /** True when the synthetic search reaches a terminal node within {@code m} expansions. */
  static boolean reaches(int k, double pMin, int m, long seed) {
    SplittableRandom world = new SplittableRandom(seed);
    SplittableRandom selection = new SplittableRandom(seed ^ 0x5DEECE66DL);
    ValueTree<Integer> tree = new ValueTree<>(0, TreeRules.defaults());
    double step = 0.5 / k;
    for (int used = 0; used < m; used++) {
      if (tree.frontier().isEmpty()) return false;
      ValueTree.Node<Integer> n = tree.select(1.0 - used / (double) m, selection);
      if (world.nextDouble() < pMin) {
        int level = n.state() + 1;
        if (level == k) {
          tree.addTerminal(n, level);
          return true;
        }
        tree.addScored(n, level, step);
      } else {
        tree.addScored(n, n.state(), -step);
      }
    }
    return false;
  }

  static double successRate(int k, double pMin, int m) {
    int ok = 0;
    for (int seed = 0; seed < TRIALS; seed++) if (reaches(k, pMin, m, seed)) ok++;
    return ok / (double) TRIALS;
  }

  @Test
  void theWorkedExampleOfTheDocs() {
    assertThat(ConvergenceBound.bound(2, 0.5, 0.1)).isCloseTo(19.28, within(0.01));
    assertThat(ConvergenceBound.expansions(2, 0.5, 0.1)).isEqualTo(20);
    assertThat(ConvergenceBound.expansions(3, 0.3, 0.05)).isEqualTo(45);
  }

  @ParameterizedTest(name = "K={0}, pMin={1}, eps={2}")
  @CsvSource({"2, 0.5, 0.1", "3, 0.3, 0.05", "4, 0.6, 0.01", "1, 0.2, 0.1", "5, 0.8, 0.02"})
  void withinTheBoundATerminalIsReachedInAtLeastOneMinusEpsOfSeededTrials(
      int k, double pMin, double eps) {
    int m = ConvergenceBound.expansions(k, pMin, eps);
    double rate = successRate(k, pMin, m);
    assertThat(rate)
        .as("success rate with M=%d over %d trials", m, TRIALS)
        .isGreaterThanOrEqualTo(1 - eps);
  }

  @Test
  void farBelowTheBoundTheSearchOftenFails() {
    // K expansions are the bare minimum; at pMin = 0.5 most trials need more, so the check above is
    // not vacuous: the same harness reports failures when the budget is too small.
    assertThat(successRate(3, 0.5, 3)).isLessThan(0.5);
  }

  @Test
  void badParametersAreNamed() {
    assertThatThrownBy(() -> ConvergenceBound.bound(0, 0.5, 0.1)).hasMessageContaining("K must be");
    assertThatThrownBy(() -> ConvergenceBound.bound(2, 0, 0.1)).hasMessageContaining("pMin");
    assertThatThrownBy(() -> ConvergenceBound.bound(2, 0.5, 1)).hasMessageContaining("eps");
  }
}
