package dev.frugal.examples.cli;

import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.TraceSummary;
import dev.frugal.core.trace.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal trace show FILE}: a trace, event by event, then a per-run summary and, for
 * strategies that leave notes (BATS), their story: attempts, verification decisions, why the run
 * ended and how the answer was selected.
 */
@Command(
    name = "trace",
    description = "Read JSONL trace files.",
    mixinStandardHelpOptions = true,
    subcommands = {TraceCommand.Show.class})
public final class TraceCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("usage: frugal trace show FILE");
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
}
