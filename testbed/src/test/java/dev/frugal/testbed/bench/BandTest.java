package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.testbed.sim.SimParameter;
import dev.frugal.testbed.sim.SimProfile;
import dev.frugal.testbed.sim.SimWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bands over the assumption registry, and the per-episode output (docs/testbed.md, "Bands"). */
class BandTest {
  @TempDir Path out;

  @Test
  void aBandIsALatinHypercubeAfterThePointValues() {
    List<Map<String, Double>> settings = AssumptionBand.settings(5);
    assertThat(settings).hasSize(5);
    assertThat(settings.get(0)).as("setting 0 = the point values").isEmpty();
    for (SimParameter p : SimParameter.values()) {
      Set<Integer> strata = new HashSet<>();
      for (Map<String, Double> s : settings.subList(1, 5)) {
        double u = s.get(p.key());
        assertThat(u).isBetween(0.0, 1.0);
        strata.add((int) Math.floor(u * 4));
      }
      assertThat(strata).as(p.key() + ": every stratum used once").hasSize(4);
    }
    assertThat(AssumptionBand.settings(5)).as("fixed seed").isEqualTo(settings);
    assertThatThrownBy(() -> AssumptionBand.settings(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 1");
  }

  @Test
  void everyRowCarriesItsSettingAndAssumptionsAndEpisodesAreWrittenAsJsonLines() throws Exception {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    BenchConfig config =
        new BenchConfig(
            List.of(Testbed.BUNDLED),
            List.of(),
            List.of("react", "react+tracker"),
            List.of(6),
            List.of(ModelSources.simulated("sim-small", world, false)),
            1,
            8,
            2,
            40,
            out);
    Path lines = out.resolve("episodes.jsonl");
    BenchHarness.Outcome o =
        new BenchHarness(config, new PrintStream(new ByteArrayOutputStream()))
            .band(3)
            .episodesFile(lines)
            .run();

    assertThat(o.rows()).hasSize(2 * 3);
    SimProfile small = SimProfile.small();
    for (ResultRow r : o.rows()) {
      assertThat(r.setting()).isBetween(0, 2);
      assertThat(r.assumptions()).hasSize(SimParameter.values().length);
      for (SimParameter p : SimParameter.values()) {
        double v = r.assumptions().get(p.key());
        if (r.setting() == 0) assertThat(v).as(p.key()).isEqualTo(small.value(p));
        assertThat(v).as(p.key()).isBetween(small.range(p).low(), small.range(p).high());
      }
    }
    // the settings differ where the registry gives a range
    assertThat(o.rows().stream().map(r -> r.assumptions().get("readSkill")).distinct().count())
        .isEqualTo(3);
    String md = BenchReport.markdown("test", o);
    assertThat(md).contains("Margins over 3 assumption settings").contains("react+tracker - react");

    List<String> text = Files.readAllLines(lines);
    assertThat(text).hasSize(2 * 3 * 8);
    JsonNode first = new ObjectMapper().readTree(text.get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly(
            "questionId",
            "strategy",
            "model",
            "budget",
            "seed",
            "setting",
            "em",
            "f1",
            "answer",
            "forced",
            "verdicts",
            "callsByPurpose",
            "units",
            "usd",
            "answerSourceTitles");
    JsonNode json = new ObjectMapper().valueToTree(Map.of("rows", o.rows())).get("rows").get(0);
    assertThat(json.has("setting")).isTrue();
    assertThat(json.get("assumptions").has("misread")).isTrue();
  }
}
