package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCliTest {
  @TempDir Path dir;

  @Test
  void memoryAskPrintsAFreeSummaryAndTheTiers() throws Exception {
    Path h = dir.resolve("h.json");
    Files.writeString(
        h,
        "{\"sessions\":[{\"date\":\"2023-05-08\",\"turns\":["
            + "{\"speaker\":\"Maria\",\"text\":\"My sister Ana flew in from Madrid to see my recital.\"},"
            + "{\"speaker\":\"Tom\",\"text\":\"I hiked up Mount Tamalpais last Saturday.\"}]}]}");
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code =
          FrugalCli.commandLine()
              .execute("memory", "ask", "--history", h.toString(), "Where did Ana fly in from?");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out).contains("Madrid").contains("cost: $0.000000").contains("FILTER=LOW");
  }

  @Test
  void badMemoryFlagsSayWhatIsValid() throws Exception {
    Path h = dir.resolve("d.json");
    Files.writeString(h, "{\"documents\":[{\"title\":\"T\",\"text\":\"Some text.\"}]}");
    var tier = FrugalCliTest.run("memory", "ask", "--history", h.toString(), "--tier", "max", "q");
    assertThat(tier.code()).isEqualTo(2);
    assertThat(tier.err()).contains("unknown --tier 'max'; valid: low, mid, high, auto");
    var missing =
        FrugalCliTest.run("memory", "ask", "--history", dir.resolve("none.json").toString(), "q");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no history file at");
    var locomo = FrugalCliTest.run("memory", "bench", "--data", "locomo");
    assertThat(locomo.code()).isEqualTo(2);
    assertThat(locomo.err()).contains("--data locomo needs --locomo PATH");
    var retrieval =
        FrugalCliTest.run("memory", "ask", "--history", h.toString(), "--retrieval", "dense", "q");
    assertThat(retrieval.code()).isEqualTo(2);
    assertThat(retrieval.err()).contains("unknown retrieval 'dense'; valid: embedding, hybrid");
    var chunks =
        FrugalCliTest.run(
            "memory", "bench", "--items", "0-1", "--hotpot", h.toString(), "--chunk-tokens", "8");
    assertThat(chunks.code()).isEqualTo(2);
    assertThat(chunks.err()).contains("--chunk-tokens must be >= 16, got 8");
  }

  @Test
  void sessionsOrDocumentsThatAreNotArraysSayWhatIsValid() throws Exception {
    Path sessions = dir.resolve("s.json");
    Files.writeString(sessions, "{\"sessions\":{\"a\":{\"date\":\"2023-05-08\"}}}");
    var s = FrugalCliTest.run("memory", "ask", "--history", sessions.toString(), "q");
    assertThat(s.code()).as(s.err()).isEqualTo(2);
    assertThat(s.err()).contains("'sessions' must be an array, got a object").contains("expected");
    Path docs = dir.resolve("d.json");
    Files.writeString(docs, "{\"documents\":{\"a\":{\"text\":\"x\"}}}");
    var d = FrugalCliTest.run("memory", "ask", "--history", docs.toString(), "q");
    assertThat(d.code()).as(d.err()).isEqualTo(2);
    assertThat(d.err()).contains("'documents' must be an array, got a object");
    Path turn = dir.resolve("t.json");
    Files.writeString(turn, "{\"sessions\":[{\"date\":\"2023-05-08\",\"turns\":[\"just text\"]}]}");
    var t = FrugalCliTest.run("memory", "ask", "--history", turn.toString(), "q");
    assertThat(t.code()).as(t.err()).isEqualTo(2);
    assertThat(t.err()).contains("sessions[0].turns[0] must be an object, got a string");
  }

  @Test
  void documentTitlesAndTextReachTheTerminalEscaped() throws Exception {
    Path h = dir.resolve("e.json");
    Files.writeString(
        h,
        "{\"documents\":[{\"title\":\"Trip\\u001b]0;owned\\u0007\",\"text\":\"Ana flew in"
            + " from Madrid.\\u001b[2J\"}]}");
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code =
          FrugalCli.commandLine()
              .execute("memory", "ask", "--history", h.toString(), "Where did Ana fly from?");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out).contains("Madrid").doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(out).contains("\\u001b");
  }
}
