package dev.frugal.examples.cli;

import dev.frugal.core.strategy.bavt.TreeNotes;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.TraceSummary;
import dev.frugal.core.trace.Traces;
import dev.frugal.examples.tree.SearchTreePicture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
    System.err.println("usage: frugal trace show FILE | frugal trace tree FILE [--out tree.svg]");
  }

  /** Prints one trace readably. */
  @Command(name = "show", description = "Print a trace readably.", mixinStandardHelpOptions = true)
  public static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a trace written with --trace")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("trace file " + file + " does not exist");
      }
      List<RunEvent> events = Traces.read(file);
      for (RunEvent e : events) System.out.println(line(e));
      System.out.println();
      System.out.print(TraceSummary.of(events).render());
      System.out.print(story(events));
      return 0;
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

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("trace file " + file + " does not exist");
      }
      String format = out == null ? "text" : extension(out);
      if (!List.of("text", "svg", "html", "htm").contains(format)) {
        throw new IllegalArgumentException("--out must name an .svg or .html file, got " + out);
      }
      List<RunEvent> events = Traces.read(file);
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
      if (out == null) {
        if (question != null) System.out.println("Q: " + question);
        System.out.print(SearchTreePicture.text(tree));
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
      System.out.println(
          "wrote " + out + " (run " + tree.runId() + ", " + tree.nodes().size() + " nodes)");
      return 0;
    }

    private static String extension(Path p) {
      String name = p.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
  }
}
