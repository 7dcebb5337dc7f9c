package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FrugalCliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = FrugalCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void badFlagsSayWhatWasWrongAndExitWith2() {
    Run unknown = run("bench", "--budgetz", "5");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown options: '--budgetz'").contains("--budgets");

    Run words = run("bench", "--budgets", "five,10");
    assertThat(words.code()).isEqualTo(2);
    assertThat(words.err())
        .contains(
            "--budgets takes comma-separated whole numbers such as 5,10,20; 'five' is not one");

    Run strategy = run("bench", "--strategies", "magic", "--limit", "1");
    assertThat(strategy.code()).isEqualTo(2);
    assertThat(strategy.err()).contains("unknown strategy 'magic'; known strategies: react");
  }

  @Test
  void benchOutputsThatCannotBeWrittenAreRefusedBeforeTheSweepRuns() throws Exception {
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
    Run episodes =
        run(
            "bench",
            "--limit",
            "1",
            "--budgets",
            "5",
            "--out",
            dir.resolve("out").toString(),
            "--episodes",
            blocker.resolve("episodes.jsonl").toString());
    assertThat(episodes.code()).isEqualTo(2);
    assertThat(episodes.err())
        .contains("--episodes " + blocker.resolve("episodes.jsonl") + " cannot be written")
        .contains("is a file, not a folder")
        .contains("give a file path in a folder you can write");
    // refused before the sweep: it wrote no results
    assertThat(dir.resolve("out").resolve("results.json")).doesNotExist();

    Run out = run("bench", "--limit", "1", "--budgets", "5", "--out", blocker.toString());
    assertThat(out.code()).isEqualTo(2);
    assertThat(out.err())
        .contains("--out " + blocker + " cannot hold the results")
        .contains("give a folder you can write");
    assertThat(Files.readString(blocker)).isEqualTo("not a folder");
  }

  @Test
  void traceShowReportsACorruptLineByNumber() throws Exception {
    Path trace = dir.resolve("t.jsonl");
    Files.writeString(
        trace,
        "{\"type\":\"note\",\"runId\":\"r\",\"step\":1,\"kind\":\"k\",\"text\":\"t\"}\nnot json\n");
    Run r = run("trace", "show", trace.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(trace + " line 2: not a trace event");
  }
}
