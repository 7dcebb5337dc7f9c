package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask} as a person sees it: the real entry point in its own process, progress on
 * stderr, the answer and its cost on stdout.
 */
class AskTerminalTest {
  @TempDir Path dir;

  @Test
  void theReadmeQuestionIsAnsweredOfflineBySimulationWithProgressAndCosts() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "ask", AskCommand.EXAMPLE);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String[] progress = run.stderr().split("\n");
    assertThat(progress[0]).isEqualTo("indexing the corpus ...");
    assertThat(progress[1])
        .matches(
            "step  1  model sim-large +open \\[########\\] 10/10 search \\[########\\] 10/10"
                + "  \\$0\\.\\d{5}");
    assertThat(run.stderr())
        .containsPattern("step +\\d+  search ok \\{\"queries\":\\[")
        .containsPattern("search \\[[#.]{8}\\] \\d+/10");
    String out = run.stdout();
    assertThat(out)
        .startsWith(
            "NOTE: answered by the SIMULATED model 'sim-large' (a policy simulation over the"
                + " bundled corpus, not a language model).\n")
        .contains("Question: " + AskCommand.EXAMPLE + "\n")
        .contains("Searched: the bundled corpus (local Lucene search, offline)\n")
        .containsPattern("\nAnswer:   \\S.*\n")
        .containsPattern("\nStopped:  (answered|.*budget.*) after \\d+ steps\n")
        .containsPattern("\nCost:     \\$0\\.\\d{6}\n")
        .containsPattern("\n  model sim-large  \\$0\\.\\d{6}  \\(\\d+ calls\\)\n")
        .containsPattern("\n  tokens     \\d+ in / \\d+ out \\(all models\\)\n")
        .containsPattern(
            "\n  tool  search     \\$0\\.\\d{6}  \\(\\d+ units at \\$0\\.001/unit\\)\n");
  }

  @Test
  void plugInsLoadBesideTheBuiltInsAndABrokenJarIsNamedWithoutStoppingTheRun() throws Exception {
    Path jar = ExamplePlugin.jar(dir);
    Files.writeString(jar.resolveSibling("broken.jar"), "not a zip");

    Terminal.Run run =
        Terminal.frugal(dir, Map.of(), "ask", "--plugins", jar.getParent().toString(), "--json");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("plug-in problem in broken.jar: is not a readable jar");
    assertThat(run.stdout()).contains("\"simulated\" : true").contains("\"answer\" : ");
  }

  @Test
  void aBadFlagValueSaysWhatWouldBeValidWithExitCode2() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "ask", "--search-backend", "bing");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains(
            "Invalid value for option '--search-backend': expected one of [local, searxng, brave,"
                + " tavily]");
    assertThat(run.stdout()).isEmpty();
  }
}
