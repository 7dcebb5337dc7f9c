package dev.frugal.router.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.frugal.router.policy.Example;
import dev.frugal.router.policy.FeatureSchema;
import dev.frugal.router.policy.PolicyNetwork;
import dev.frugal.router.policy.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SFT labels are unbalanced (few HARD questions give LARGE labels, every EASY and INTRACTABLE one
 * gives SMALL labels), and unweighted cross-entropy then learns always-SMALL even where LARGE was
 * the label of the cheapest success. Balanced class weights keep the LARGE states.
 */
class BalancedLabelsTest {
  static final FeatureSchema SCHEMA = new FeatureSchema("toy", 1, List.of("hard", "noise"));

  /** 500 SMALL labels on easy states; on hard states 15 LARGE and 35 SMALL labels. */
  static List<Example> labels() {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 500; i++) out.add(new Example(new float[] {0, (i % 10) / 10f}, 0, 1f));
    for (int i = 0; i < 50; i++)
      out.add(new Example(new float[] {1, (i % 10) / 10f}, i < 15 ? 1 : 0, 1f));
    return out;
  }

  static int[] argmaxOnHardAndEasy(List<Example> data) {
    PolicyNetwork.seed(5);
    try (PolicyNetwork net =
        PolicyNetwork.builder()
            .schema(SCHEMA)
            .actions(List.of("SMALL", "LARGE"))
            .hidden(List.of(8))
            .device(Device.cpu())
            .build()) {
      net.train(data, new TrainingOptions(20, 64, 0.02f, 1));
      return new int[] {net.argmax(new float[] {1, 0.5f}), net.argmax(new float[] {0, 0.5f})};
    }
  }

  @Test
  void balancedWeightsGiveEachClassHalfTheTotalWeight() {
    List<Example> b = BoundaryTraining.balanced(labels(), 1.0);
    double large = b.stream().filter(e -> e.action() == 1).mapToDouble(Example::weight).sum();
    double small = b.stream().filter(e -> e.action() == 0).mapToDouble(Example::weight).sum();
    assertThat(large).isCloseTo(275, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(small).isCloseTo(275, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void unweightedSftForgetsTheLargeStatesAndBalancedSftKeepsThem() {
    assertThat(argmaxOnHardAndEasy(labels())).containsExactly(0, 0); // always-SMALL
    assertThat(argmaxOnHardAndEasy(BoundaryTraining.balanced(labels(), 1.0))).containsExactly(1, 0);
    // the default, tempered weights (power 0.5) keep them too
    assertThat(argmaxOnHardAndEasy(BoundaryTraining.balanced(labels(), 0.5))).containsExactly(1, 0);
    List<Example> same = labels();
    assertThat(BoundaryTraining.balanced(same, 0)).isSameAs(same);
  }
}
