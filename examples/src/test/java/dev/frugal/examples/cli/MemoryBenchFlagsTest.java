package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal memory bench} checks every flag before it reads data or computes a row: a malformed
 * {@code --router} or axis fails at once (the data path here does not even exist, so an error about
 * the data would mean the work had started), with a valid example.
 */
class MemoryBenchFlagsTest {
  @TempDir Path dir;

  @Test
  void aMalformedRouterFailsBeforeAnyWorkWithAnExample() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "memory", "bench", "--router", "default");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("--router must be LABEL=AXIS=DIR or LABEL=AXIS=default, got 'default'")
        .contains("e.g. --router learned=reasoning=default")
        .doesNotContain("memory bench: ");
  }

  @Test
  void anUnknownAxisInARouterFailsBeforeAnyWork() {
    Terminal.Run run =
        Terminal.frugal(dir, Map.of(), "memory", "bench", "--router", "mine=speed=default");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown axis 'speed'").doesNotContain("dev500");
  }
}
