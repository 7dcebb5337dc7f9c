package dev.frugal.core.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Reads every event of a trace file.
   *
   * @throws TraceFormatException naming the file and line of the first line that is not an event
   */
  public static List<RunEvent> read(Path file) {
    List<RunEvent> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          out.add(JSON.readValue(line, RunEvent.class));
        } catch (JsonProcessingException e) {
          throw new TraceFormatException(
              file
                  + " line "
                  + n
                  + ": not a trace event ("
                  + e.getOriginalMessage()
                  + "); each line must be a JSON object with a \"type\" such as run_started,"
                  + " model_called, tool_called, answer, run_finished",
              e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace file " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
