package dev.frugal.testbed.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.testbed.bench.AssumptionBand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory testbed's assumption registry and bands (docs/memory.md, "Bands (v3)"): every
 * behavioural number of the SIMULATED roles comes from the registry, setting 0 is the point values,
 * and other settings move outcomes.
 */
class MemoryBandTest {
  @TempDir Path dir;

  private static final String[] CITIES = {
    "Lisbon", "Oslo", "Quito", "Hanoi", "Lima", "Perth", "Turin", "Bergen", "Cusco", "Dakar",
    "Tampere", "Graz", "Leeds", "Porto", "Krakow", "Ghent", "Malmo", "Split", "Sapporo", "Izmir"
  };

  /** Two-hop items, each with its own band, city and country, and a distractor. */
  private List<MemoryItem> items() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < CITIES.length; i++) {
      String band = "The Band" + (char) ('A' + i) + "ers";
      String city = CITIES[i];
      String country = "Country" + (char) ('A' + i) + "ia";
      String other = CITIES[(i + 7) % CITIES.length];
      sb.append("{\"question_id\":\"q")
          .append(i)
          .append("\",\"question_text\":\"In which country was ")
          .append(band)
          .append(" formed?\",\"answers_objects\":[{\"spans\":[\"")
          .append(country)
          .append("\"]}],\"contexts\":[{\"title\":\"")
          .append(band)
          .append("\",\"paragraph_text\":\"")
          .append(band)
          .append(" is a rock group with four members. The group was formed in ")
          .append(city)
          .append(" in 199")
          .append(i % 10)
          .append(".\",\"is_supporting\":true},{\"title\":\"")
          .append(city)
          .append("\",\"paragraph_text\":\"")
          .append(city)
          .append(" is a large port city in ")
          .append(country)
          .append(". It has an old harbour and a university.\",\"is_supporting\":true},")
          .append("{\"title\":\"Rivals\",\"paragraph_text\":\"A rival group was formed in ")
          .append(other)
          .append(" by former students of the university.\",\"is_supporting\":false}]}\n");
    }
    Path f = dir.resolve("band-items.jsonl");
    Files.writeString(f, sb.toString());
    return MemoryData.hotpot(f, 0, CITIES.length);
  }

  /** Every outcome of the bench that depends on its assumptions, per item, axis and tier. */
  private static List<String> outcomes(MemoryBench bench, List<MemoryItem> items) {
    List<String> out = new ArrayList<>();
    for (MemoryItem it : items) {
      for (Axis axis : Axis.values()) {
        for (MemoryTier t : MemoryTier.values()) {
          var r = bench.run(it, axis, TierChooser.fixed(t));
          out.add(r.answer() + "|" + r.f1() + "|" + r.usd() + "|" + r.summary());
        }
      }
      for (Baseline b : Baseline.values()) {
        var r = bench.runBaseline(it, b);
        out.add(b + "|" + r.answer() + "|" + r.f1() + "|" + r.readerUsd());
      }
    }
    return out;
  }

  @Test
  void settingZeroIsThePointValuesAndOtherSettingsChangeOutcomes() throws Exception {
    List<MemoryItem> items = items();
    List<Map<String, Double>> band = AssumptionBand.settings(5, MemoryAssumptions.keys());
    assertThat(band.get(0)).isEmpty();
    List<String> point = outcomes(new MemoryBench(7), items);
    MemoryBench atZero =
        new MemoryBench(
            7,
            MemoryBench.Setup.DEFAULT,
            ReaderContext.DEFAULT,
            MemoryAssumptions.registry().at(band.get(0)));
    assertThat(outcomes(atZero, items)).isEqualTo(point);
    int changed = 0;
    for (int s = 1; s < band.size(); s++) {
      MemoryAssumptions a = MemoryAssumptions.registry().at(band.get(s));
      assertThat(a.values()).isNotEqualTo(MemoryAssumptions.registry().values());
      List<String> o =
          outcomes(new MemoryBench(7, MemoryBench.Setup.DEFAULT, ReaderContext.DEFAULT, a), items);
      if (!o.equals(point)) changed++;
    }
    assertThat(changed).as("settings whose outcomes differ from the point values").isPositive();
  }

  @Test
  void theReadersSkillDecidesAnswersThroughTheRegistry() throws Exception {
    List<MemoryItem> items = items();
    Map<String, Double> low = new LinkedHashMap<>();
    Map<String, Double> high = new LinkedHashMap<>();
    low.put("readerSkill", 0.0);
    high.put("readerSkill", 1.0);
    double f1Low = 0;
    double f1High = 0;
    for (var pair : List.of(Map.entry(low, new double[1]), Map.entry(high, new double[1]))) {
      MemoryBench b =
          new MemoryBench(
              7,
              MemoryBench.Setup.DEFAULT,
              ReaderContext.DEFAULT,
              MemoryAssumptions.registry().at(pair.getKey()));
      for (MemoryItem it : items)
        pair.getValue()[0] += b.run(it, Axis.CAPACITY, TierChooser.fixed(MemoryTier.HIGH)).f1();
      if (pair.getKey() == low) f1Low = pair.getValue()[0];
      else f1High = pair.getValue()[0];
    }
    assertThat(MemoryAssumptions.registry().at(low).get(MemoryParameter.READER_SKILL))
        .isEqualTo(0.82);
    assertThat(f1High).isGreaterThan(f1Low);
  }

  @Test
  void theRegistryCoversEveryParameterWithAValueInItsRangeAndASource() throws Exception {
    JsonNode root;
    try (InputStream in = MemoryAssumptions.class.getResourceAsStream(MemoryAssumptions.RESOURCE)) {
      root = new ObjectMapper().readTree(in);
    }
    assertThat(root.path("registryVersion").asText()).isNotBlank();
    Set<String> inFile = new HashSet<>();
    root.path("parameters").fieldNames().forEachRemaining(inFile::add);
    assertThat(inFile).containsExactlyInAnyOrderElementsOf(MemoryAssumptions.keys());
    MemoryAssumptions r = MemoryAssumptions.registry();
    for (MemoryParameter p : MemoryParameter.values()) {
      var range = r.range(p);
      assertThat(r.get(p)).as(p.key()).isBetween(range.low(), range.high());
      assertThat(range.high()).as(p.key() + " has a band").isGreaterThan(range.low());
      assertThat(r.source(p)).as(p.key()).containsAnyOf("assumption", "CALIBRATION anchors");
    }
  }

  @Test
  void theRegistryPointValuesArePinned() {
    MemoryAssumptions r = MemoryAssumptions.registry();
    // the numbers the simulated roles used before the registry (docs/memory.md tables)
    assertThat(r.get(MemoryParameter.SMALL_READ_SKILL)).isEqualTo(0.55);
    assertThat(r.get(MemoryParameter.MID_READ_SKILL)).isEqualTo(0.72);
    assertThat(r.get(MemoryParameter.LARGE_READ_SKILL)).isEqualTo(0.88);
    assertThat(r.get(MemoryParameter.READER_SKILL)).isEqualTo(0.9);
    assertThat(r.get(MemoryParameter.REASONING_BONUS)).isEqualTo(0.06);
    assertThat(r.get(MemoryParameter.PLAN_BONUS)).isEqualTo(0.10);
    assertThat(r.get(MemoryParameter.SKILL_CAP)).isEqualTo(0.97);
    assertThat(r.get(MemoryParameter.FILTER_KEEP)).isEqualTo(6);
    assertThat(r.get(MemoryParameter.SUMMARY_KEEP)).isEqualTo(5);
    assertThat(r.get(MemoryParameter.REASONING_QUOTES)).isEqualTo(3);
    assertThat(r.get(MemoryParameter.PLAN_QUOTES)).isEqualTo(6);
    assertThat(r.get(MemoryParameter.YES_NO_SUPPORT)).isEqualTo(2);
    assertThat(r.get(MemoryParameter.NOTE_MIN_KEYWORDS)).isEqualTo(2);
    assertThat(r.get(MemoryParameter.NOTE_DATE_SHARE)).isEqualTo(0.125);
  }

  @Test
  void aRegistryMissingAParameterOrOutOfRangeIsRejectedByName() throws Exception {
    ObjectNode root;
    try (InputStream in = MemoryAssumptions.class.getResourceAsStream(MemoryAssumptions.RESOURCE)) {
      root = (ObjectNode) new ObjectMapper().readTree(in);
    }
    ObjectNode missing = root.deepCopy();
    ((ObjectNode) missing.get("parameters")).remove("readerSkill");
    assertThatThrownBy(() -> MemoryAssumptions.parse(missing, "x.json"))
        .hasMessageContaining("x.json parameters.readerSkill is missing");
    ObjectNode outside = root.deepCopy();
    ((ObjectNode) outside.get("parameters").get("filterKeep")).put("value", 20);
    assertThatThrownBy(() -> MemoryAssumptions.parse(outside, "x.json"))
        .hasMessageContaining("parameters.filterKeep: value 20.0 must lie in its range [4.0, 8.0]");
  }
}
