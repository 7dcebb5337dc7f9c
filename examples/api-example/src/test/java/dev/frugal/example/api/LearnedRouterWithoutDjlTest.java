package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.PolicyNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learned router on a classpath without DJL (this module's, as a user's project that depends on
 * {@code router} alone): loading or building a policy network fails with a message that names the
 * dependencies to add, not a {@code NoClassDefFoundError}.
 */
class LearnedRouterWithoutDjlTest {

  @Test
  void loadingAPolicyNamesTheDjlDependenciesToAdd(@TempDir Path dir) {
    assertThatThrownBy(() -> Class.forName("ai.djl.nn.Block"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> PolicyNetwork.load(dir, RouterFeatures.SCHEMA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a learned router needs DJL")
        .hasMessageContaining("<artifactId>api</artifactId><version>0.36.0</version>")
        .hasMessageContaining("pytorch-engine")
        .hasMessageContaining("pytorch-jni")
        .hasMessageContaining("pytorch-native-cpu");
  }

  @Test
  void buildingAPolicySaysTheSame() {
    assertThatThrownBy(
            () ->
                PolicyNetwork.builder()
                    .schema(RouterFeatures.SCHEMA)
                    .actions(List.of("SMALL", "LARGE"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a learned router needs DJL");
  }
}
