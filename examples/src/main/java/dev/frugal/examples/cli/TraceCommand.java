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

/** {@code frugal trace show FILE}: a trace, event by event, then a per-run summary. */
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
      return 0;
    }

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
        return "  step " + n.step() + "  [" + n.kind() + "] " + n.text();
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
