package dev.frugal.testbed.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Spend;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Turn;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-context and notes baselines of the memory bench (docs/memory.md, "Baselines"): what they
 * cost in the tiers' units (the notes' write-time calls included, charged once per history), and
 * how the full-context reader's input is cut to its window.
 */
class BaselinesTest {
  @TempDir Path dir;

  /** Two sessions, two answerable questions about the same conversation. */
  private List<MemoryItem> conversation(String answer) throws Exception {
    Path f = dir.resolve("tiny-locomo-" + answer.hashCode() + ".json");
    Files.writeString(
        f,
        ("[{\"sample_id\":\"c1\",\"conversation\":{\"speaker_a\":\"Ana\",\"speaker_b\":\"Ben\","
                + "\"session_1_date_time\":\"1:56 pm on 8 May, 2023\",\"session_1\":["
                + "{\"speaker\":\"Ana\",\"dia_id\":\"D1:1\",\"text\":\"I visited the Lisbon aquarium"
                + " with my sister yesterday.\"},"
                + "{\"speaker\":\"Ben\",\"dia_id\":\"D1:2\",\"text\":\"Nice!\"},"
                + "{\"speaker\":\"Ana\",\"dia_id\":\"D1:3\",\"text\":\"The jellyfish tank was huge"
                + " and glowing blue.\"}],"
                + "\"session_2_date_time\":\"10:00 am on 20 June, 2023\",\"session_2\":["
                + "{\"speaker\":\"Ben\",\"dia_id\":\"D2:1\",\"text\":\"My pottery class starts next"
                + " month at the community studio.\"},"
                + "{\"speaker\":\"Ana\",\"dia_id\":\"D2:2\",\"text\":\"Good luck with the pottery"
                + " wheel and glazing lessons!\"}]},"
                + "\"qa\":[{\"question\":\"When did Ana visit the aquarium?\",\"answer\":\"ANSWER\","
                + "\"evidence\":[\"D1:1\"],\"category\":2},"
                + "{\"question\":\"Where is Ben's pottery class?\",\"answer\":\"community studio\","
                + "\"evidence\":[\"D2:1\"],\"category\":4}]}]")
            .replace("ANSWER", answer));
    return MemoryData.locomo(f, 1, 10);
  }

  @Test
  void notesArePaidAtWriteTimeOncePerHistoryAndTheRowChargesThem() throws Exception {
    List<MemoryItem> items = conversation("7 May 2023");
    MemoryBench bench = new MemoryBench(1);

    SessionNotes.Notes notes = bench.notes(items.get(0).history());
    assertThat(notes.calls()).isEqualTo(2); // one note-writing call per session
    assertThat(notes.cost().usd()).isPositive();
    assertThat(notes.lines()).anyMatch(l -> l.startsWith("[session 1, 8 May 2023]"));
    assertThat(notes.lines()).anyMatch(l -> l.startsWith("[session 2, 20 June 2023]"));

    // the same notes written again on a ledger of our own: the ledger holds exactly their cost
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      SessionNotes.Notes again =
          SessionNotes.write(
              items.get(0).history(),
              dev.frugal.memory.model.ModelCaller.metered(bench.noteWriters()),
              MemoryBench.NOTE_WRITER,
              ledger);
      assertThat(again.lines()).isEqualTo(notes.lines());
      assertThat(ledger.snapshot().usd()).isCloseTo(notes.cost().usd(), within(1e-12));
    }

    MemoryBench.Row row = bench.baselineRow(Baseline.NOTES, items, null);
    assertThat(row.config()).isEqualTo("notes");
    assertThat(row.n()).isEqualTo(2);
    // two questions share one history: its notes are charged once, spread over both
    assertThat(row.usdPerQuery()).isCloseTo(notes.cost().usd() / 2, within(1e-12));
    assertThat(row.readerUsdPerQuery()).isPositive();
    assertThat(row.totalUsdPerQuery())
        .isCloseTo(row.usdPerQuery() + row.readerUsdPerQuery(), within(1e-12));
    // one question alone carries the whole write cost
    MemoryBench.Row one = bench.baselineRow(Baseline.NOTES, items.subList(0, 1), null);
    assertThat(one.usdPerQuery()).isCloseTo(notes.cost().usd(), within(1e-12));
  }

  @Test
  void theNoteWriterReadsNoGoldTheAnswerStringChangesNoNoteAndNoCost() throws Exception {
    SessionNotes.Notes a = new MemoryBench(2).notes(conversation("7 May 2023").get(0).history());
    SessionNotes.Notes b = new MemoryBench(2).notes(conversation("Zanzibar").get(0).history());
    assertThat(b.lines()).isEqualTo(a.lines());
    assertThat(b.cost()).isEqualTo(a.cost());
    assertThat(String.join("\n", b.lines())).doesNotContain("Zanzibar");
  }

  @Test
  void aNoteResolvesRelativeDatesAndSmallTalkIsLeftOut() throws Exception {
    // with a seed under which the (mid) note writer understood the aquarium sentence, its notes
    // keep that fact (two or more keywords), resolve its "yesterday" and drop "Nice!"
    List<MemoryItem> items = conversation("7 May 2023");
    SessionNotes.Notes notes = null;
    for (long seed = 1; seed < 200; seed++) {
      SessionNotes.Notes n = new MemoryBench(seed).notes(items.get(0).history());
      if (String.join("\n", n.lines()).contains("aquarium")) {
        notes = n;
        break;
      }
    }
    assertThat(notes).as("some seed's writer understood the aquarium sentence").isNotNull();
    String text = String.join("\n", notes.lines());
    assertThat(text).contains("- Ana: I visited the Lisbon aquarium with my sister yesterday.");
    assertThat(text).contains("Dates: \"yesterday\" = 2023-05-07");
    assertThat(text).doesNotContain("Nice!");
  }

  @Test
  void fullContextSpendsNothingOnMemoryAndPaysTheReaderForTheWholeHistory() throws Exception {
    List<MemoryItem> items = conversation("7 May 2023");
    MemoryBench bench = new MemoryBench(1);
    MemoryBench.Result r = bench.runBaseline(items.get(0), Baseline.FULL_CONTEXT);
    assertThat(r.usd()).isZero();
    assertThat(r.truncated()).isFalse();
    for (String line : MemoryBench.transcript(items.get(0).history()))
      assertThat(r.summary()).contains(line);
    String prompt = "Question: " + items.get(0).question() + "\n" + r.summary();
    double expected =
        Spend.modelCall(
                ReaderContext.READER,
                ReaderContext.tokens(prompt),
                0,
                Math.min(ReaderContext.ANSWER_TOKENS, ReaderContext.tokens(r.answer())),
                MemoryBench.PRICES)
            .usd();
    assertThat(r.readerUsd()).isCloseTo(expected, within(1e-12));
    // a LOW memory's reader reads a summary of the retrieved part, not the whole history
    MemoryBench.Result low =
        bench.run(items.get(0), Axis.CAPACITY, TierChooser.fixed(MemoryTier.LOW));
    assertThat(low.readerUsd()).isPositive();
    MemoryBench.Row row = bench.baselineRow(Baseline.FULL_CONTEXT, items, null);
    assertThat(row.config()).isEqualTo("full-context");
    assertThat(row.usdPerQuery()).isZero();
    assertThat(row.readerUsdPerQuery()).isPositive();
    assertThat(row.supportInSummary()).isEqualTo(1.0);
  }

  @Test
  void fullContextDropsTheOldestTurnsFirstWhenTheHistoryExceedsTheReadersWindow() {
    List<Turn> turns = new ArrayList<>();
    LocalDate day = LocalDate.of(2023, 5, 8);
    turns.add(new Turn(0, day, "Ana", "The secret word of the first session is marmalade."));
    for (int i = 0; i < 300; i++) {
      turns.add(
          new Turn(
              1 + i / 30,
              day.plusDays(1 + i / 30),
              i % 2 == 0 ? "Ana" : "Ben",
              "Filler turn number " + i + " about the weather and the traffic downtown."));
    }
    History history = new History.Dialogue(turns);
    String evidence = "The secret word of the first session is marmalade.";
    MemoryItem item =
        new MemoryItem(
            "t#1",
            "What is the secret word of the first session?",
            List.of("marmalade"),
            history,
            Set.of(evidence),
            "category 4");

    ReaderContext small = new ReaderContext(1_000);
    List<String> lines = MemoryBench.transcript(history);
    ReaderContext.Fitted fitted = small.fit("header", lines);
    assertThat(fitted.truncated()).isTrue();
    assertThat(fitted.droppedLines() + fitted.keptLines()).isEqualTo(lines.size());
    // the newest lines are kept, in order; the oldest went first
    assertThat(fitted.text()).endsWith(lines.get(lines.size() - 1));
    assertThat(fitted.text()).doesNotContain(evidence);
    assertThat(fitted.text())
        .contains(
            "[the oldest "
                + fitted.droppedLines()
                + " of "
                + lines.size()
                + " lines did not fit the reader's context and were dropped]");
    // with the question line and the answer it fits the window
    assertThat(
            ReaderContext.tokens("Question: " + item.question() + "\n" + fitted.text())
                + ReaderContext.ANSWER_TOKENS)
        .isLessThanOrEqualTo(1_000);

    MemoryBench.Result cut =
        new MemoryBench(1, MemoryBench.Setup.DEFAULT, small)
            .runBaseline(item, Baseline.FULL_CONTEXT);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.supportInSummary()).isFalse();
    assertThat(cut.f1()).isZero(); // the evidence was cut: the reader cannot answer from it
    MemoryBench.Result whole = new MemoryBench(1).runBaseline(item, Baseline.FULL_CONTEXT);
    assertThat(whole.truncated()).isFalse();
    assertThat(whole.supportInSummary()).isTrue();
    assertThat(whole.readerUsd()).isGreaterThan(cut.readerUsd());
  }

  @Test
  void anUnknownBaselineIsRefusedNamingTheValidOnes() {
    assertThat(Baseline.parseList("full-context, notes,full-context"))
        .containsExactly(Baseline.FULL_CONTEXT, Baseline.NOTES);
    assertThat(Baseline.parseList("")).isEmpty();
    assertThatThrownBy(() -> Baseline.parseList("full-context,mem0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown baseline 'mem0'; valid: full-context, notes");
  }

  @Test
  void theBootstrapIntervalHoldsTheMeanAndCollapsesWithoutSpread() {
    double[] ci = MemoryBench.bootstrap(new double[] {0, 1, 0, 1, 1, 0, 1, 0, 0, 1});
    assertThat(ci[0]).isLessThan(0.5);
    assertThat(ci[1]).isGreaterThan(0.5);
    double[] flat = MemoryBench.bootstrap(new double[] {0.7, 0.7, 0.7});
    assertThat(flat[0]).isCloseTo(0.7, within(1e-12));
    assertThat(flat[1]).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void tierRowsPayTheReaderOnTopOfTheMemory() throws Exception {
    List<MemoryItem> items = conversation("7 May 2023");
    MemoryBench.Row high =
        new MemoryBench(1).row("h", items, Axis.CAPACITY, TierChooser.fixed(MemoryTier.HIGH), null);
    assertThat(high.usdPerQuery()).isPositive();
    assertThat(high.readerUsdPerQuery()).isPositive();
    assertThat(high.truncatedShare()).isZero();
    assertThat(high.f1Low()).isLessThanOrEqualTo(high.f1());
    assertThat(high.f1High()).isGreaterThanOrEqualTo(high.f1());
    assertThat(Map.of("n", high.n())).containsEntry("n", 2);
  }
}
