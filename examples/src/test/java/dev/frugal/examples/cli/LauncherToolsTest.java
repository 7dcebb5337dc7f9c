package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal tools} on the launcher's classpath (what {@code ./frugal} runs), in its own
 * process: the web tools it lists need OkHttp at run time, which a test-scoped dependency once
 * dropped.
 */
class LauncherToolsTest {
  @TempDir Path dir;

  @Test
  void toolsListsTheBuiltInLocalAndWebToolsWithoutAStackTrace() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "tools");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.stdout())
        .contains("Built-in, --search-backend local:")
        .contains("Built-in, --search-backend searxng|brave|tavily: the web")
        .contains("No plug-ins: add --plugins DIR");
  }

  @Test
  void toolsWithTheExamplePlugInListsItsToolAndItsJar() throws Exception {
    Path jar = ExamplePlugin.jar(dir);

    Terminal.Run run =
        Terminal.frugal(dir, Map.of(), "tools", "--plugins", jar.getParent().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).doesNotContain("Exception");
    assertThat(run.stdout())
        .contains("Plug-ins from " + jar.getParent() + ":")
        .contains("  now  [frugal-plugin-clock.jar]");
  }
}
