package dev.frugal.router.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyNetworkTest {
  static final FeatureSchema SCHEMA = new FeatureSchema("toy", 1, List.of("a", "b", "c", "d"));

  /** The right action is 1 exactly when a + b > c + d: a rule the network must discover. */
  static List<Example> toyData(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()};
      out.add(new Example(x, x[0] + x[1] > x[2] + x[3] ? 1 : 0, 1f));
    }
    return out;
  }

  static PolicyNetwork fresh() {
    PolicyNetwork.seed(7);
    return PolicyNetwork.builder()
        .schema(SCHEMA)
        .actions(List.of("SMALL", "LARGE"))
        .hidden(List.of(16))
        .device(Device.cpu())
        .build();
  }

  static double accuracy(PolicyNetwork net, List<Example> data) {
    int right = 0;
    for (Example e : data) if (net.argmax(e.features()) == e.action()) right++;
    return right / (double) data.size();
  }

  @Test
  void supervisedTrainingOnADatasetWithAKnownRightChoiceReachesHighAccuracy() {
    try (PolicyNetwork net = fresh()) {
      List<Double> losses = net.train(toyData(600, 1), new TrainingOptions(40, 32, 0.02f, 3));
      assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
      assertThat(accuracy(net, toyData(400, 2))).isGreaterThan(0.93);
    }
  }

  @Test
  void advantageWeightsPushThePolicyTowardRewardedActionsAndAwayFromPunishedOnes() {
    try (PolicyNetwork net = fresh()) {
      // Every state: action 1 earned +1, action 0 earned -1 (policy-gradient weights).
      List<Example> pg = new ArrayList<>();
      for (Example e : toyData(300, 4)) {
        pg.add(new Example(e.features(), 1, 1f));
        pg.add(new Example(e.features(), 0, -1f));
      }
      net.train(pg, new TrainingOptions(5, 64, 0.01f, 5));
      for (Example e : toyData(50, 6))
        assertThat(net.probabilities(e.features())[1]).isGreaterThan(0.9f);
    }
  }

  @Test
  void aSavedAndReloadedNetworkMakesTheSameDecisions(@TempDir Path dir) {
    List<Example> probe = toyData(200, 9);
    float[][] x = probe.stream().map(Example::features).toArray(float[][]::new);
    float[][] before;
    try (PolicyNetwork net = fresh()) {
      net.train(toyData(300, 8), new TrainingOptions(5, 32, 0.02f, 3));
      before = net.probabilities(x);
      net.save(dir, Map.of("trainedOn", "toy rule"));
    }
    try (PolicyNetwork back = PolicyNetwork.load(dir, SCHEMA)) {
      float[][] after = back.probabilities(x);
      for (int i = 0; i < x.length; i++) assertThat(after[i]).containsExactly(before[i]);
      assertThat(back.hidden()).containsExactly(16);
    }
    assertThat(PolicyNetwork.notes(dir)).containsEntry("trainedOn", "toy rule");
  }

  @Test
  void loadingForAnotherFeatureSchemaIsAClearError(@TempDir Path dir) {
    try (PolicyNetwork net = fresh()) {
      net.save(dir, Map.of());
    }
    FeatureSchema other = new FeatureSchema("toy", 2, List.of("a", "b", "c", "e"));
    assertThatThrownBy(() -> PolicyNetwork.load(dir, other))
        .isInstanceOf(PolicySchemaException.class)
        .hasMessageContaining("trained on feature schema toy@1 (4 features)")
        .hasMessageContaining("toy@2 (4 features)")
        .hasMessageContaining("features it never saw: [e]")
        .hasMessageContaining("features it expects but would not get: [d]");
  }

  @Test
  void aFolderWithoutAPolicyAndAWrongWidthAreClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> PolicyNetwork.load(dir, SCHEMA))
        .hasMessageContaining("no saved policy in " + dir)
        .hasMessageContaining("policy.json");
    try (PolicyNetwork net = fresh()) {
      assertThatThrownBy(() -> net.probabilities(new float[3]))
          .hasMessageContaining("3 values")
          .hasMessageContaining("toy@1 (4 features)");
    }
  }

  @Test
  void devicesAreChosenAutomaticallyOrByNameAndBadNamesAreRejected() {
    Device auto = Devices.choose("auto");
    assertThat(auto.isGpu() || auto.equals(Device.cpu())).isTrue();
    assertThat(Devices.choose("cpu")).isEqualTo(Device.cpu());
    assertThatThrownBy(() -> Devices.choose("tpu"))
        .hasMessageContaining("unknown device 'tpu'")
        .hasMessageContaining("auto, cpu, gpu, gpu:N");
    assertThatThrownBy(() -> Devices.choose("gpu:99")).hasMessageContaining("sees");
  }
}
