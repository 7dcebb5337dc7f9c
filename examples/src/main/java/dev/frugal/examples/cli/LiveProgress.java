package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.RunListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line per model or tool call on stderr: the step, what happened, budget left per capped tool
 * as a small bar, and the cost so far.
 */
final class LiveProgress implements RunListener {
  private final PrintStream err;
  private final Budget budget;
  private final Map<String, Long> used = new TreeMap<>();
  private double usd;

  LiveProgress(PrintStream err, Budget budget) {
    this.err = err;
    this.budget = budget;
  }

  @Override
  public synchronized void onEvent(RunEvent e) {
    if (e instanceof RunEvent.ModelCalled m) {
      usd += m.usd();
      err.println(
          line(
              m.step(),
              "model " + m.model() + (m.purpose().equals("step") ? "" : " (" + m.purpose() + ")")));
    } else if (e instanceof RunEvent.ToolCalled t) {
      usd += t.usd();
      used.merge(t.tool(), t.units(), Long::sum);
      err.println(line(t.step(), t.tool() + " " + t.outcome() + " " + abbreviate(t.arguments())));
    } else if (e instanceof RunEvent.Refused r) {
      err.println(line(r.step(), "refused " + r.what() + " (" + r.cap() + ")"));
    }
  }

  private String line(int step, String what) {
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "step %2d  %-44s", step, abbreviate(what)));
    budget.toolUnitCaps().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            c -> {
              long left = Math.max(0, c.getValue() - used.getOrDefault(c.getKey(), 0L));
              sb.append(' ')
                  .append(c.getKey())
                  .append(' ')
                  .append(bar(left, c.getValue()))
                  .append(' ')
                  .append(left)
                  .append('/')
                  .append(c.getValue());
            });
    return sb.append(String.format(Locale.ROOT, "  $%.5f", usd)).toString();
  }

  static String bar(long left, long cap) {
    int width = 8;
    int filled = cap == 0 ? 0 : (int) Math.round(width * (double) left / cap);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }

  /** At most 44 characters, with control characters from the model's arguments escaped. */
  private static String abbreviate(String raw) {
    String s = TerminalText.line(raw);
    return s == null ? "" : s.length() <= 44 ? s : s.substring(0, 41) + "...";
  }
}
