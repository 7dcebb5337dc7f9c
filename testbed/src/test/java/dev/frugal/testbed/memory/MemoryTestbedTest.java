package dev.frugal.testbed.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTestbedTest {
  @TempDir Path dir;

  private static final String ITEM =
      "{\"question_id\":\"q1\",\"question_text\":\"Which city is the band Night Owls from?\","
          + "\"answers_objects\":[{\"spans\":[\"ANSWER\"]}],\"contexts\":["
          + "{\"title\":\"Night Owls\",\"paragraph_text\":\"Night Owls is a rock band. The band was formed in Lisbon in 1999.\",\"is_supporting\":true},"
          + "{\"title\":\"Lisbon\",\"paragraph_text\":\"Lisbon is the capital of Portugal.\",\"is_supporting\":false},"
          + "{\"title\":\"Day Larks\",\"paragraph_text\":\"Day Larks is a folk band from Oslo.\",\"is_supporting\":false}]}";

  private List<MemoryItem> items(String answer) throws Exception {
    Path f = dir.resolve(answer + ".jsonl");
    Files.writeString(f, ITEM.replace("ANSWER", answer) + "\n");
    return MemoryData.hotpot(f, 0, 1);
  }

  @Test
  void theGoldAnswerStringChangesOnlyTheAnswerNeverTheMemorysWorkOrCost() throws Exception {
    MemoryBench bench = new MemoryBench(3);
    for (Axis axis : Axis.values()) {
      for (MemoryTier t : MemoryTier.values()) {
        var a = bench.run(items("Lisbon").get(0), axis, TierChooser.fixed(t));
        var b = new MemoryBench(3).run(items("Zanzibar").get(0), axis, TierChooser.fixed(t));
        assertThat(b.summary()).isEqualTo(a.summary());
        assertThat(b.usd()).isEqualTo(a.usd());
        assertThat(b.tiers()).isEqualTo(a.tiers());
        // the reader can only state text it read: "Zanzibar" is nowhere in the memory
        assertThat(b.answer()).isNotEqualTo("Zanzibar");
        assertThat(b.f1()).isZero();
      }
    }
  }

  @Test
  void aHighTierCostsMoneyAndReadsTheSupportingSentence() throws Exception {
    var r =
        new MemoryBench(1)
            .run(items("Lisbon").get(0), Axis.CAPACITY, TierChooser.fixed(MemoryTier.HIGH));
    assertThat(r.usd()).isPositive();
    assertThat(r.summary()).contains("Lisbon");
    assertThat(r.tiers()).containsOnlyKeys("FILTER", "ENTITY", "TEMPORAL", "TOPIC", "SUMMARY");
  }

  @Test
  void locomoIsReadOnlyFromTheGivenPathAndAdversarialQuestionsAreSkipped() throws Exception {
    Path f = dir.resolve("tiny-locomo.json");
    Files.writeString(
        f,
        "[{\"sample_id\":\"c1\",\"conversation\":{\"speaker_a\":\"A\",\"speaker_b\":\"B\","
            + "\"session_1_date_time\":\"1:56 pm on 8 May, 2023\",\"session_1\":["
            + "{\"speaker\":\"A\",\"dia_id\":\"D1:1\",\"text\":\"I went to the museum yesterday.\"},"
            + "{\"speaker\":\"B\",\"dia_id\":\"D1:2\",\"text\":\"Nice!\"}]},"
            + "\"qa\":[{\"question\":\"When did A go to the museum?\",\"answer\":\"7 May 2023\",\"evidence\":[\"D1:1\"],\"category\":2},"
            + "{\"question\":\"Why did B cry?\",\"evidence\":[\"D1:2\"],\"category\":5,\"adversarial_answer\":\"x\"}]}]");
    List<MemoryItem> items = MemoryData.locomo(f, 10, 10);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).category()).isEqualTo("category 2");
    // the LOW temporal rule resolves "yesterday" against the session date; the reader reads it
    var r =
        new MemoryBench(1)
            .run(items.get(0), Axis.IMPLEMENTATION, TierChooser.fixed(MemoryTier.LOW));
    assertThat(r.summary()).contains("2023-05-07");
    assertThat(r.usd()).isZero();
    // the grader's evidence measurement: the supporting turn was retrieved and reached the summary
    assertThat(r.supportRetrieved()).isTrue();
    assertThat(r.supportInSummary()).isTrue();
    // a model-written (HIGH) summary states the resolved date inline ("Dates mentioned: ..."): the
    // reader reads it there too and answers the date it read, in its spoken form
    var high =
        new MemoryBench(1).run(items.get(0), Axis.CAPACITY, TierChooser.fixed(MemoryTier.HIGH));
    assertThat(high.summary()).contains("Dates mentioned:").contains("2023-05-07");
    assertThat(high.answer()).isEqualTo("7 May 2023");
    assertThat(high.usd()).isPositive();
  }
}
