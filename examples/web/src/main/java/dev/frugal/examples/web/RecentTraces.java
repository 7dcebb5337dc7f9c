package dev.frugal.examples.web;

import dev.frugal.core.RunResult;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.Traces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The traces of the most recent runs ({@value #KEPT}), in this process's memory, so that the page
 * can link each answer to its run's events (docs/web.md, "Endpoints"): JSON lines in the format of
 * {@code frugal ask --trace}, which {@code ./frugal trace show FILE} reads.
 */
@Component
public class RecentTraces {
  /** How many runs' traces are kept. */
  static final int KEPT = 200;

  private final Map<String, List<RunEvent>> byRun =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RunEvent>> eldest) {
          return size() > KEPT;
        }
      };

  /** Keeps {@code r}'s trace. */
  public synchronized void keep(RunResult r) {
    byRun.put(r.runId(), List.copyOf(r.trace()));
  }

  /** The trace of run {@code runId} as JSON lines, while it is kept. */
  public synchronized Optional<String> jsonLines(String runId) {
    List<RunEvent> events = byRun.get(runId);
    if (events == null) return Optional.empty();
    StringBuilder sb = new StringBuilder();
    for (RunEvent e : events) sb.append(Traces.toJson(e)).append('\n');
    return Optional.of(sb.toString());
  }
}
