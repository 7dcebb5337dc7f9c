package dev.frugal.core.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes and reads JSONL traces: one {@link RunEvent} per line. */
public final class Traces {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Traces() {}

  /** One event as a single JSON line (without the newline). */
  public static String toJson(RunEvent e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialise " + e, ex);
    }
  }

  /** The run id given to events of traces written before every event carried one. */
  public static final String NO_RUN_ID = "(no run id)";

  /** The text fields each event type must carry (non-null) to be shown or summarised. */
  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "run_started", List.of("question", "strategy"),
          "model_called", List.of("model", "purpose"),
          "model_failed", List.of("model", "error"),
          "tool_called", List.of("tool", "outcome"),
          "refused", List.of("what", "message"),
          "note", List.of("kind", "text"),
          "answer", List.of(),
          "run_finished", List.of("stopReason"));

  /**
   * Reads every event of a trace file.
   *
   * @throws TraceFormatException naming the file and line of the first line that is not an event
   */
  public static List<RunEvent> read(Path file) {
    return readLines(file).stream().map(TraceLine::event).toList();
  }

  /**
   * Reads every event of a trace file with its line number. Blank lines are skipped; an event
   * without a {@code runId} (traces written before events carried one) gets {@link #NO_RUN_ID}.
   *
   * @throws TraceFormatException naming the file and line of the first line that is not a complete
   *     event: not JSON, {@code null}, not an object, an unknown {@code type}, or a required field
   *     missing
   */
  public static List<TraceLine> readLines(Path file) {
    List<TraceLine> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        out.add(new TraceLine(n, parse(file, n, line)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace file " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static RunEvent parse(Path file, int n, String line) {
    JsonNode tree;
    try {
      tree = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw notAnEvent(file, n, e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      String found = tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().name();
      throw notAnEvent(file, n, "found " + found.toLowerCase(java.util.Locale.ROOT), null);
    }
    ObjectNode o = (ObjectNode) tree;
    JsonNode type = o.get("type");
    if (type == null || !type.isTextual()) {
      throw notAnEvent(
          file, n, type == null || type.isNull() ? "no \"type\"" : "type " + type, null);
    }
    // An event type without an entry here (a newer one) is checked by Jackson alone.
    List<String> required = REQUIRED.getOrDefault(type.asText(), List.of());
    List<String> missing = new ArrayList<>();
    for (String field : required) {
      JsonNode v = o.get(field);
      if (v == null || v.isNull()) missing.add(field);
    }
    if (!missing.isEmpty()) {
      throw new TraceFormatException(
          file
              + " line "
              + n
              + ": a "
              + type.asText()
              + " event without "
              + String.join(", ", missing)
              + "; every "
              + type.asText()
              + " event carries "
              + String.join(", ", required),
          null);
    }
    JsonNode runId = o.get("runId");
    if (runId == null || runId.isNull()) o.put("runId", NO_RUN_ID);
    try {
      return JSON.treeToValue(o, RunEvent.class);
    } catch (JsonProcessingException e) {
      throw notAnEvent(file, n, e.getOriginalMessage(), e);
    }
  }

  private static TraceFormatException notAnEvent(Path file, int n, String what, Exception cause) {
    return new TraceFormatException(
        file
            + " line "
            + n
            + ": not a trace event ("
            + what
            + "); each line must be a JSON object with a \"type\" such as run_started,"
            + " model_called, tool_called, answer, run_finished",
        cause);
  }
}
