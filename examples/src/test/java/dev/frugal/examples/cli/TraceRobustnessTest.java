package dev.frugal.examples.cli;

import static dev.frugal.examples.cli.FrugalCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.Traces;
import dev.frugal.examples.cli.FrugalCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace show} and {@code trace tree} on malformed and hostile traces: exit code 2 and a
 * message naming the line, never a stack trace; terminal control characters shown escaped. And
 * traces shared by several runs: {@code --run}, {@code --runs}.
 */
class TraceRobustnessTest {
  @TempDir Path dir;

  private Path trace(String... lines) throws Exception {
    Path f = Files.createTempFile(dir, "trace", ".jsonl");
    Files.writeString(f, String.join("\n", lines) + (lines.length == 0 ? "" : "\n"));
    return f;
  }

  private static String node(String run, int id, int parent, int depth) {
    return Traces.toJson(
        new RunEvent.Note(
            run,
            depth,
            "node",
            "{\"id\":"
                + id
                + ",\"parent\":"
                + parent
                + ",\"depth\":"
                + depth
                + ",\"value\":0.5,\"status\":\"open\",\"reason\":\"\",\"step\":\"search x\"}"));
  }

  private static String started(String run, String question) {
    return Traces.toJson(new RunEvent.RunStarted(run, question, "bavt", Map.of()));
  }

  private static void failsNaming(Run r, String... parts) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("frugal: ").contains(parts).doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aNullLineOrAnEventWithoutItsFieldsIsExit2NamingTheLine() throws Exception {
    Path nullLine = trace(started("r1", "Q?"), "null");
    failsNaming(run("trace", "show", nullLine.toString()), nullLine + " line 2: not a trace event");

    Path missing = trace(started("r1", "Q?"), "{\"type\":\"tool_called\",\"runId\":\"r1\"}");
    failsNaming(
        run("trace", "show", missing.toString()),
        missing + " line 2: a tool_called event without tool, outcome");
    failsNaming(run("trace", "tree", missing.toString()), missing + " line 2:");
  }

  @Test
  void anEmptyTraceSaysSo() throws Exception {
    Path empty = trace();
    failsNaming(run("trace", "show", empty.toString()), "trace file " + empty + " is empty");
    Path blank = trace("", "  ");
    failsNaming(run("trace", "tree", blank.toString()), "is empty: it holds no events");
  }

  @Test
  void aNodeThatIsItsOwnParentIsNamedByLine() throws Exception {
    Path f = trace(started("r1", "Q?"), node("r1", 0, -1, 0), node("r1", 1, 1, 1));
    failsNaming(run("trace", "tree", f.toString()), f + " line 3: node 1 is its own parent");
  }

  @Test
  void duplicateIdsAreNamedWithBothLines() throws Exception {
    Path f =
        trace(started("r1", "Q?"), node("r1", 0, -1, 0), node("r1", 1, 0, 1), node("r1", 1, 0, 1));
    failsNaming(run("trace", "tree", f.toString()), f + " line 4: node 1 again (first on line 3)");
  }

  @Test
  void orphansCyclesAndASecondRootAreNamedByLine() throws Exception {
    Path orphan = trace(node("r1", 0, -1, 0), node("r1", 2, 7, 1));
    failsNaming(
        run("trace", "tree", orphan.toString()),
        orphan + " line 2: node 2's parent 7 is not an earlier node");
    // A two-node cycle has no root to start from: its first node is not a root.
    Path cycle = trace(node("r1", 1, 2, 1), node("r1", 2, 1, 2));
    failsNaming(run("trace", "tree", cycle.toString()), cycle + " line 1: the first node 1");
    Path roots = trace(node("r1", 0, -1, 0), node("r1", 5, -1, 0));
    failsNaming(run("trace", "tree", roots.toString()), "line 2: node 5 is a second root");
    Path notJson =
        trace(node("r1", 0, -1, 0), Traces.toJson(new RunEvent.Note("r1", 1, "node", "{oops")));
    failsNaming(run("trace", "tree", notJson.toString()), "line 2: the 'node' note's text");
  }

  @Test
  void aWellFormedTreeStillDraws() throws Exception {
    Path f = trace(started("r1", "Q?"), node("r1", 0, -1, 0), node("r1", 1, 0, 1));
    Run r = run("trace", "tree", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Q: Q?").contains("#0").contains("#1");
  }

  @Test
  void controlCharactersFromTheTraceAreShownEscaped() throws Exception {
    String hostile = "\u001b[2J\u001b[31mred\u0007\rover\u202eevil";
    Path f =
        trace(
            Traces.toJson(new RunEvent.RunStarted("r1", hostile, "react", Map.of())),
            Traces.toJson(new RunEvent.Note("r1", 1, "note", "multi\nline " + hostile)),
            Traces.toJson(
                new RunEvent.RunFinished("r1", "answered", hostile, 0, 1, 1, Map.of(), 1, 1)));

    Run r = run("trace", "show", f.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("\r")
        .doesNotContain("\u202e")
        .contains("\\u001b[2J\\u001b[31mred\\u0007\\u000dover\\u202eevil")
        .contains("multi\\nline");
  }

  @Test
  void runsSharingAFileAreListedAndFilteredById() throws Exception {
    Path f =
        trace(
            started("aaaa1111", "First?"),
            started("bbbb2222", "Second?"),
            Traces.toJson(new RunEvent.AnswerGiven("bbbb2222", 1, "two", false)),
            Traces.toJson(new RunEvent.AnswerGiven("aaaa1111", 1, "one", false)));

    Run all = run("trace", "show", f.toString());
    assertThat(all.code()).isZero();
    assertThat(all.out())
        .contains("2 runs in this file: aaaa1111, bbbb2222 (show one with --run ID");

    Run list = run("trace", "show", f.toString(), "--runs");
    assertThat(list.out())
        .isEqualTo("2 runs in " + f + ":\n  aaaa1111  [bavt] First?\n  bbbb2222  [bavt] Second?\n");

    Run one = run("trace", "show", f.toString(), "--run", "bbbb2222");
    assertThat(one.code()).isZero();
    List<String> runIds =
        one.out().lines().filter(l -> l.startsWith("run ")).collect(Collectors.toList());
    assertThat(runIds).allMatch(l -> l.contains("bbbb2222"));
    assertThat(one.out()).contains("answer: two").doesNotContain("one").doesNotContain("First?");

    failsNaming(
        run("trace", "show", f.toString(), "--run", "cccc"),
        "run 'cccc' is not in " + f + "; its runs: aaaa1111, bbbb2222");
  }
}
