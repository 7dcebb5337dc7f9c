package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void anUnknownBaselineFailsBeforeAnyWorkListingTheValidNames() {
    Terminal.Run run =
        Terminal.frugal(
            dir, Map.of(), "memory", "bench", "--baselines", "full-context,mem0", "--items", "0-2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("unknown baseline 'mem0'; valid: full-context, notes")
        .doesNotContain("memory bench: ")
        .doesNotContain("dev500");
  }

  @Test
  void aBandBelowOneFailsBeforeAnyWork() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "memory", "bench", "--band", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("--band must be a number of assumption settings >= 1")
        .contains("got 0")
        .doesNotContain("memory bench: ")
        .doesNotContain("dev500");
  }

  @Test
  void aBandRunGivesEachRowItsSettingAndAssumptionsAndAMarginTable() throws Exception {
    Path items = dir.resolve("tiny.jsonl");
    String item =
        "{\"question_id\":\"qID\",\"question_text\":\"Which city is the band Night Owls from?\","
            + "\"answers_objects\":[{\"spans\":[\"Lisbon\"]}],\"contexts\":["
            + "{\"title\":\"Night Owls\",\"paragraph_text\":\"Night Owls is a rock band. The band"
            + " was formed in Lisbon in 1999.\",\"is_supporting\":true},"
            + "{\"title\":\"Day Larks\",\"paragraph_text\":\"Day Larks is a folk band from"
            + " Oslo.\",\"is_supporting\":false}]}\n";
    Files.writeString(items, item.replace("ID", "1") + item.replace("ID", "2"));
    Path out = dir.resolve("band");

    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of(),
            "memory",
            "bench",
            "--hotpot",
            items.toString(),
            "--items",
            "0-2",
            "--axes",
            "capacity",
            "--router",
            "learned=capacity=default",
            "--retrieval",
            "bm25",
            "--baselines",
            "full-context,notes",
            "--band",
            "3",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0)).endsWith(",setting,assumptions");
    // 3 fixed tiers, 1 router and 2 baselines under each of the 3 settings
    assertThat(csv).hasSize(1 + 3 * 6);
    for (int s = 0; s < 3; s++) {
      String tag = "," + s + ",smallReadSkill=";
      assertThat(csv.stream().filter(l -> l.contains(tag))).hasSize(6);
    }
    assertThat(csv.get(1)).contains(",0,smallReadSkill=0.5500;").contains("readerSkill=0.9000");
    assertThat(run.stdout())
        .contains("| learned - fixed-tier line (capacity) |")
        .contains("| full-context - learned |")
        .contains("| notes - learned |")
        .contains("band excludes 0");
  }

  @Test
  void baselinesAddRowsLabelledFullContextAndNotesBesideTheTiers() throws Exception {
    Path items = dir.resolve("tiny.jsonl");
    String item =
        "{\"question_id\":\"qID\",\"question_text\":\"Which city is the band Night Owls from?\","
            + "\"answers_objects\":[{\"spans\":[\"Lisbon\"]}],\"contexts\":["
            + "{\"title\":\"Night Owls\",\"paragraph_text\":\"Night Owls is a rock band. The band"
            + " was formed in Lisbon in 1999.\",\"is_supporting\":true},"
            + "{\"title\":\"Day Larks\",\"paragraph_text\":\"Day Larks is a folk band from"
            + " Oslo.\",\"is_supporting\":false}]}\n";
    Files.writeString(items, item.replace("ID", "1") + item.replace("ID", "2"));
    Path out = dir.resolve("out");

    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of(),
            "memory",
            "bench",
            "--hotpot",
            items.toString(),
            "--items",
            "0-2",
            "--axes",
            "capacity",
            "--retrieval",
            "bm25",
            "--baselines",
            "full-context,notes",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0))
        .startsWith("config,axis,n,f1,f1_ci_low,f1_ci_high,usd_per_query,reader_usd_per_query,");
    assertThat(csv).anyMatch(l -> l.startsWith("all-LOW (capacity),capacity,2,"));
    assertThat(csv).anyMatch(l -> l.startsWith("full-context,baseline,2,"));
    assertThat(csv).anyMatch(l -> l.startsWith("notes,baseline,2,"));
    // full-context spends nothing on memory and pays its reader; notes pay their writing
    String[] full =
        csv.stream().filter(l -> l.startsWith("full-context,")).findFirst().get().split(",");
    String[] notes = csv.stream().filter(l -> l.startsWith("notes,")).findFirst().get().split(",");
    assertThat(Double.parseDouble(full[6])).isZero();
    assertThat(Double.parseDouble(full[7])).isPositive();
    assertThat(Double.parseDouble(notes[6])).isPositive();
    assertThat(run.stdout()).contains("| full-context | 2 |").contains("| notes | 2 |");
    assertThat(out.resolve("frontier.png")).exists();
  }
}
