package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's flags, in process: listings and the errors a mistyped flag gets. */
class CliFlagsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int frugal(String... args) {
    CommandLine cl = FrugalCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void toolsListsBuiltInsAndPlugInsWithSchemaAndUnitRuleAndNamesBrokenJars(@TempDir Path dir)
      throws Exception {
    Path jar = ExamplePlugin.jar(dir);
    Files.writeString(jar.resolveSibling("broken.jar"), "not a zip");

    int code = frugal("tools", "--plugins", jar.getParent().toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("Built-in, --search-backend local: the bundled corpus")
        .contains("Built-in, --search-backend searxng|brave|tavily: the web")
        .contains("      parameters: {\"queries\": [string] (required)}")
        .contains("      charged:    1 Query unit per element of 'queries'")
        .contains("      parameters: {\"urls\": [string] (required)}")
        .contains("      charged:    1 URL unit per element of 'urls'")
        .contains("  now  [frugal-plugin-clock.jar]")
        .contains("      parameters: {\"zone\": string}")
        .contains("      charged:    0 units per call")
        .contains("Plug-in jars with problems (skipped):\n  broken.jar: is not a readable jar");
  }

  @Test
  void toolsWithoutPluginsSaysHowToAddThem() {
    assertThat(frugal("tools")).isZero();
    assertThat(out.toString()).contains("No plug-ins: add --plugins DIR");
  }

  @Test
  void badValuesListWhatWouldBeValid() {
    assertThat(frugal("ask", "--provider", "cohere")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--provider': expected one of [openai, anthropic]");
  }

  @Test
  void aWebBackendWithTheSimulatedModelExplainsWhatToDo() {
    assertThat(frugal("ask", "--search-backend", "brave")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--search-backend brave searches the web, which the simulated model cannot read")
        .contains("--base-url URL --model NAME")
        .contains("--provider anthropic");
  }

  @Test
  void searxngWithoutAnAddressSaysWhereToGiveIt() {
    assertThat(
            frugal(
                "ask",
                "--search-backend",
                "searxng",
                "--provider",
                "openai",
                "--model",
                "m",
                "--price-in",
                "0",
                "--price-out",
                "0"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--search-backend searxng needs the instance's address: --searxng-url URL");
  }

  @Test
  void aMissingPluginFolderIsAClearError(@TempDir Path dir) {
    assertThat(frugal("tools", "--plugins", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist or is not a folder");
  }

  @Test
  void askHelpShowsTheBackendsProvidersAndBudgets() {
    assertThat(frugal("ask", "--help")).isZero();
    assertThat(out.toString())
        .contains("--search-backend=BACKEND")
        .contains("--plugins=DIR")
        .contains("--provider=PROVIDER")
        .contains("--open, --browse=N")
        .contains("http://localhost:11434/v1");
  }
}
