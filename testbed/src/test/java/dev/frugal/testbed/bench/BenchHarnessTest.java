package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.testbed.sim.SimWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchHarnessTest {
  @TempDir Path out;

  BenchConfig config(Path dir) {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    return new BenchConfig(
        List.of(Testbed.BUNDLED),
        List.of(),
        List.of("react", "react+tracker"),
        List.of(4),
        List.of(ModelSources.simulated("sim-small", world, false)),
        2,
        12,
        2,
        40,
        dir);
  }

  @Test
  void aSweepWritesOneRowPerCellAndIsReproducible() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BenchHarness.Outcome a = new BenchHarness(config(out), new PrintStream(progress, true)).run();
    BenchHarness.Outcome b =
        new BenchHarness(config(out), new PrintStream(new ByteArrayOutputStream())).run();

    assertThat(a.rows()).hasSize(2);
    assertThat(a.episodes()).hasSize(2 * 2 * 12);
    for (ResultRow r : a.rows()) {
      assertThat(r.questions()).isEqualTo(12);
      assertThat(r.seeds()).isEqualTo(2);
      assertThat(r.simulated()).isTrue();
      assertThat(r.em()).isBetween(0.0, 1.0);
      // a budget of 4 units per tool can never be overspent
      assertThat(r.toolUnits()).isLessThanOrEqualTo(8.0);
      assertThat(r.usd()).isPositive();
    }
    assertThat(b.rows()).as("same seeds, same results").isEqualTo(a.rows());
    assertThat(progress.toString()).contains("48/48 episodes");

    List<Path> files = BenchReport.write(out, "./frugal bench (test)", a);
    assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.get("simulated").asBoolean()).isTrue();
    assertThat(json.get("rows")).hasSize(2);
    assertThat(json.get("rows").get(0).get("strategy").asText()).isEqualTo("react");
    assertThat(json.get("retrievalHeadroom").get("hotpotqa-dev500").get("questions").asInt())
        .isEqualTo(12);
    assertThat(Files.readString(out.resolve("results.md")))
        .contains("| react | sim-small (sim) | 4 | 12 | 2 |")
        .contains("**simulated**");
    byte[] png = Files.readAllBytes(out.resolve("frontier.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void badConfigurationsAreNamed() {
    assertThatThrownBy(() -> StrategyCatalog.get("tree-of-thought"))
        .hasMessageStartingWith(
            "unknown strategy 'tree-of-thought'; known strategies: react, react+tracker");
    assertThatThrownBy(() -> Testbed.load("/nonexistent/file.jsonl"))
        .hasMessageContaining("dataset file /nonexistent/file.jsonl does not exist");
  }
}
