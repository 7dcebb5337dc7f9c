package dev.frugal.core.strategy.bavt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The value update, pruning, frontier and best-node rules of the search tree. */
class ValueTreeTest {

  @Test
  void progressClosesTheDeltaShareOfTheGapToOneAndNeverReachesIt() {
    ValueTree<String> t = new ValueTree<>("q", TreeRules.defaults());
    assertThat(t.root().value()).isEqualTo(0.5);
    ValueTree.Node<String> a = t.addScored(t.root(), "a", 0.3);
    ValueTree.Node<String> b = t.addScored(a, "b", 0.9);
    ValueTree.Node<String> c = t.addScored(b, "c", 1.0);
    assertThat(a.value()).isCloseTo(0.5 + 0.3 * 0.5, within(1e-12));
    assertThat(b.value()).isCloseTo(0.65 + 0.9 * 0.35, within(1e-12));
    assertThat(c.value()).isEqualTo(1 - 1e-6); // a full step is clamped below 1
    assertThat(b.depth()).isEqualTo(2);
    assertThat(t.path(b)).containsExactly(t.root(), a, b);
  }

  @Test
  void childrenThatDoNotAdvanceArePrunedAndNeverSelected() {
    ValueTree<String> t = new ValueTree<>("q", TreeRules.defaults());
    ValueTree.Node<String> zero = t.addScored(t.root(), "same", 0.0);
    ValueTree.Node<String> worse = t.addScored(t.root(), "worse", -0.4);
    assertThat(zero.status()).isEqualTo(ValueTree.Status.PRUNED);
    assertThat(zero.reason()).isEqualTo("no progress");
    assertThat(worse.status()).isEqualTo(ValueTree.Status.PRUNED);
    assertThat(worse.value()).isCloseTo(0.5 * (1 - 0.4), within(1e-12)); // V (1 + delta)
    assertThat(t.frontier()).containsExactly(t.root());
    assertThatThrownBy(() -> t.addScored(zero, "x", 0.5)).hasMessageContaining("cannot grow");
  }

  @Test
  void aNodeLeavesTheFrontierAfterMaxChildrenAndAnEmptyFrontierCannotBeSelected() {
    ValueTree<String> t = new ValueTree<>("q", new TreeRules(0.5, 1e-6, 1e-3, 0, 2));
    t.addScored(t.root(), "a", -0.1);
    assertThat(t.frontier()).containsExactly(t.root());
    t.addPruned(t.root(), "b", 0, "repeated");
    assertThat(t.frontier()).isEmpty();
    assertThatThrownBy(() -> t.select(1, new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("frontier is empty");
  }

  @Test
  void theBestNodeIsTheHighestValueNotPrunedWithTiesGoingDeeper() {
    ValueTree<String> t = new ValueTree<>("q", TreeRules.defaults());
    ValueTree.Node<String> a = t.addScored(t.root(), "a", 0.2); // 0.6
    ValueTree.Node<String> b = t.addScored(t.root(), "b", 0.5); // 0.75
    t.addScored(a, "c", 0.9); // 0.96, deeper
    assertThat(t.best()).isSameAs(t.nodes().get(3));
    assertThat(b.value()).isCloseTo(0.75, within(1e-12));
    ValueTree<String> t2 = new ValueTree<>("q", TreeRules.defaults());
    ValueTree.Node<String> x = t2.addScored(t2.root(), "x", 0.2);
    ValueTree.Node<String> y = t2.addUnscored(x, "y"); // keeps 0.6, deeper
    t2.addPruned(y, "z", 0.3, "repeated"); // pruned nodes never count
    assertThat(t2.best()).isSameAs(y);
  }

  @Test
  void terminalNodesEndTheirBranchAndForeignNodesAreRejected() {
    ValueTree<String> t = new ValueTree<>("q", TreeRules.defaults());
    ValueTree.Node<String> done = t.addTerminal(t.root(), "answer");
    assertThat(done.value()).isEqualTo(0.5);
    assertThat(t.frontier()).containsExactly(t.root());
    assertThatThrownBy(() -> t.addScored(done, "more", 0.1)).hasMessageContaining("TERMINAL");
    ValueTree<String> other = new ValueTree<>("q", TreeRules.defaults());
    assertThatThrownBy(() -> t.addScored(other.addScored(other.root(), "o", 0.1), "x", 0.1))
        .hasMessageContaining("not a node of this tree");
    assertThatThrownBy(() -> t.addScored(t.root(), "nan", Double.NaN))
        .hasMessageContaining("delta must be a number in [-1, 1]");
  }

  @Test
  void rulesNameTheSettingThatIsOutOfRange() {
    assertThatThrownBy(() -> new TreeRules(0.5, 1e-6, 0, 0, 3)).hasMessageContaining("minRatio");
    assertThatThrownBy(() -> new TreeRules(2, 1e-6, 1e-3, 0, 3)).hasMessageContaining("rootValue");
    assertThatThrownBy(() -> new TreeRules(0.5, 1e-6, 1e-3, 1, 3))
        .hasMessageContaining("pruneAtOrBelow");
    assertThatThrownBy(() -> new TreeRules(0.5, 1e-6, 1e-3, 0, 0))
        .hasMessageContaining("maxChildren");
  }
}
