package dev.frugal.examples.cli;

import dev.frugal.core.strategy.bavt.TreeNotes;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.TraceLine;
import dev.frugal.core.trace.TraceSummary;
import dev.frugal.core.trace.Traces;
import dev.frugal.examples.tree.SearchTreePicture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal trace show FILE}: a trace, event by event, then a per-run summary and, for
 * strategies that leave notes (BATS), their story: attempts, verification decisions, why the run
 * ended and how the answer was selected. {@code frugal trace tree FILE}: the search tree of a BAVT
 * run, as text, SVG or HTML.
 */
@Command(
    name = "trace",
    description = "Read JSONL trace files.",
    mixinStandardHelpOptions = true,
    subcommands = {TraceCommand.Show.class, TraceCommand.Tree.class})
public final class TraceCommand implements Runnable {
  @Override
  public void run() {
    System.err.println(
        "usage: frugal trace show FILE [--run ID | --runs] | frugal trace tree FILE [--out"
            + " tree.svg]");
  }

  /** The events of a trace file with their line numbers; an empty or missing file is an error. */
  static List<TraceLine> readLines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("trace file " + file + " does not exist");
    }
    List<TraceLine> lines = Traces.readLines(file);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(
          "trace file "
              + file
              + " is empty: it holds no events (write one with: frugal ask --trace "
              + file
              + " \"QUESTION\")");
    }
    return lines;
  }

  static List<RunEvent> read(Path file) {
    return readLines(file).stream().map(TraceLine::event).toList();
  }

  /** Prints one trace readably. */
  @Command(
      name = "show",
      description = {
        "Print a trace readably: its events, a per-run summary, and the strategies' notes.",
        "A file shared by several runs holds them interleaved; --run ID shows one, --runs lists"
            + " them. Control characters in the trace are shown escaped (\\u001b ...)."
      },
      mixinStandardHelpOptions = true)
  public static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a trace written with --trace")
    Path file;

    @Option(names = "--run", paramLabel = "ID", description = "show only the run with this id")
    String run;

    @Option(names = "--runs", description = "list the runs in the file (id, strategy, question)")
    boolean listRuns;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<RunEvent> events = read(file);
      PrintWriter out = spec.commandLine().getOut();
      Map<String, String> runs = runs(events);
      if (listRuns) {
        out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + " in " + file + ":");
        runs.forEach((id, what) -> out.println(TerminalText.line("  " + id + "  " + what)));
        out.flush();
        return 0;
      }
      if (run != null) {
        if (!runs.containsKey(run)) {
          throw new IllegalArgumentException(
              "run '"
                  + run
                  + "' is not in "
                  + file
                  + "; its runs: "
                  + String.join(", ", runs.keySet()));
        }
        events = events.stream().filter(e -> e.runId().equals(run)).toList();
      }
      for (RunEvent e : events) out.println(TerminalText.line(line(e)));
      out.println();
      out.print(TerminalText.lines(TraceSummary.of(events).render()));
      out.print(TerminalText.lines(story(events)));
      if (run == null && runs.size() > 1) {
        out.println(
            runs.size()
                + " runs in this file: "
                + String.join(", ", runs.keySet())
                + " (show one with --run ID, list them with --runs)");
      }
      out.flush();
      return 0;
    }

    /** Each run's id with its strategy and question, in the order the runs first appear. */
    static Map<String, String> runs(List<RunEvent> events) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      for (RunEvent e : events) {
        if (e instanceof RunEvent.RunStarted s) {
          out.put(s.runId(), "[" + s.strategy() + "] " + s.question());
        } else {
          out.putIfAbsent(e.runId(), "(its start is not in the file)");
        }
      }
      return out;
    }

    /**
     * For runs whose strategy left notes (BATS attempts, verifications, the judge ...): how many of
     * each kind, each verification's decision, and why the run ended. Empty when no note.
     */
    static String story(List<RunEvent> events) {
      java.util.Map<String, java.util.Map<String, Integer>> kinds = new java.util.LinkedHashMap<>();
      java.util.Map<String, java.util.Map<String, Integer>> decisions =
          new java.util.LinkedHashMap<>();
      java.util.Map<String, List<String>> endings = new java.util.LinkedHashMap<>();
      for (RunEvent e : events) {
        if (!(e instanceof RunEvent.Note n)) continue;
        kinds
            .computeIfAbsent(n.runId(), k -> new java.util.TreeMap<>())
            .merge(n.kind(), 1, Integer::sum);
        java.util.regex.Matcher m = DECISION.matcher(n.text());
        if (n.kind().equals("verify") && m.find()) {
          decisions
              .computeIfAbsent(n.runId(), k -> new java.util.LinkedHashMap<>())
              .merge(m.group(1), 1, Integer::sum);
        }
        if (n.kind().equals("stop") || n.kind().equals("select") || n.kind().equals("judge")) {
          endings
              .computeIfAbsent(n.runId(), k -> new java.util.ArrayList<>())
              .add(n.kind() + ": " + n.text());
        }
      }
      StringBuilder sb = new StringBuilder();
      for (String run : kinds.keySet()) {
        sb.append("run ").append(run).append(" strategy notes: ").append(kinds.get(run));
        if (decisions.containsKey(run)) {
          sb.append("\n  verifications: ").append(decisions.get(run));
        }
        for (String line : endings.getOrDefault(run, List.of())) {
          sb.append("\n  ").append(line);
        }
        sb.append('\n');
      }
      return sb.toString();
    }

    private static final java.util.regex.Pattern DECISION =
        java.util.regex.Pattern.compile("^attempt \\d+: (SUCCESS|CONTINUE|PIVOT)\\b");

    static String line(RunEvent e) {
      if (e instanceof RunEvent.RunStarted s) {
        return "run "
            + s.runId()
            + " started ["
            + s.strategy()
            + "] "
            + s.question()
            + "  caps "
            + s.caps();
      } else if (e instanceof RunEvent.ModelCalled m) {
        return String.format(
            Locale.ROOT,
            "  step %2d  model %-12s %-6s in %6d out %5d  $%.6f  %d ms%s",
            m.step(),
            m.model(),
            m.purpose(),
            m.inputTokens(),
            m.outputTokens(),
            m.usd(),
            m.millis(),
            m.attempt() > 1 ? "  (attempt " + m.attempt() + ")" : "");
      } else if (e instanceof RunEvent.ModelFailed f) {
        return "  step "
            + f.step()
            + "  model "
            + f.model()
            + " FAILED (attempt "
            + f.attempt()
            + "): "
            + f.error()
            + (f.retrying() ? "  retrying" : "");
      } else if (e instanceof RunEvent.ToolCalled t) {
        return String.format(
            Locale.ROOT,
            "  step %2d  tool  %-12s %-7s %s  units %d  $%.4f%s",
            t.step(),
            t.tool(),
            t.outcome(),
            t.arguments(),
            t.units(),
            t.usd(),
            t.detail() == null ? "" : "  " + t.detail());
      } else if (e instanceof RunEvent.Refused r) {
        return "  step " + r.step() + "  REFUSED " + r.what() + ": " + r.message();
      } else if (e instanceof RunEvent.Note n) {
        return String.format(
            Locale.ROOT,
            "  step %2d  %-8s %s",
            n.step(),
            n.kind().toUpperCase(Locale.ROOT),
            n.text());
      } else if (e instanceof RunEvent.AnswerGiven a) {
        return "  answer"
            + (a.forced() ? " (forced)" : "")
            + ": "
            + (a.answer() == null ? "(none)" : a.answer());
      } else if (e instanceof RunEvent.RunFinished f) {
        return String.format(
            Locale.ROOT,
            "run %s finished: %s, $%.6f, %d steps, %d ms",
            f.runId(),
            f.stopReason(),
            f.usd(),
            f.steps(),
            f.millis());
      }
      return e.toString();
    }
  }

  /** Draws the search tree a BAVT run recorded in a trace. */
  @Command(
      name = "tree",
      mixinStandardHelpOptions = true,
      description = {
        "Draw the search tree of a BAVT run in a trace: nodes with their values, pruned branches,"
            + " the chosen path.",
        "Without --out it prints an outline; with --out FILE.svg or FILE.html it writes a picture."
      })
  public static final class Tree implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a trace written with --trace")
    Path file;

    @Option(names = "--run", description = "the run id (default: the first run with a tree)")
    String run;

    @Option(names = "--out", description = "write an .svg or .html picture here")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String format = out == null ? "text" : extension(out);
      if (!List.of("text", "svg", "html", "htm").contains(format)) {
        throw new IllegalArgumentException("--out must name an .svg or .html file, got " + out);
      }
      List<TraceLine> lines = readLines(file);
      List<RunEvent> events = lines.stream().map(TraceLine::event).toList();
      Set<String> withNodes = new java.util.LinkedHashSet<>();
      for (RunEvent e : events) {
        if (e instanceof RunEvent.Note n && n.kind().equals(TreeNotes.NODE))
          withNodes.add(n.runId());
      }
      for (String id : withNodes) TreeTraceCheck.check(file, lines, id);
      List<TreeNotes.Tree> trees = TreeNotes.read(events);
      if (trees.isEmpty()) {
        throw new IllegalArgumentException(
            "trace "
                + file
                + " holds no search tree; record one with: frugal ask --strategy bavt --trace "
                + file);
      }
      TreeNotes.Tree tree =
          run == null
              ? trees.get(0)
              : trees.stream()
                  .filter(t -> t.runId().equals(run))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "run "
                                  + run
                                  + " has no tree in "
                                  + file
                                  + "; runs with a tree: "
                                  + trees.stream().map(TreeNotes.Tree::runId).toList()));
      String question =
          events.stream()
              .filter(e -> e instanceof RunEvent.RunStarted s && s.runId().equals(tree.runId()))
              .map(e -> ((RunEvent.RunStarted) e).question())
              .findFirst()
              .orElse(null);
      PrintWriter stdout = spec.commandLine().getOut();
      if (out == null) {
        if (question != null) stdout.println(TerminalText.line("Q: " + question));
        stdout.print(TerminalText.lines(SearchTreePicture.text(tree)));
        stdout.flush();
        return 0;
      }
      String doc =
          format.equals("svg")
              ? SearchTreePicture.svg(tree, question)
              : SearchTreePicture.html(tree, question);
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(out, doc);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
      }
      stdout.println(
          "wrote " + out + " (run " + tree.runId() + ", " + tree.nodes().size() + " nodes)");
      stdout.flush();
      return 0;
    }

    private static String extension(Path p) {
      String name = p.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
  }
}
