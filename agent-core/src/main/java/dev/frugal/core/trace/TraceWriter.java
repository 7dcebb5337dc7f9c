package dev.frugal.core.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * A {@link RunListener} appending every event to a JSONL file, one line each, flushed per event so
 * a crashed run still leaves its trace. Thread-safe. Close it when the runs are over.
 */
public final class TraceWriter implements RunListener, AutoCloseable {
  private final Writer out;
  private final UnaryOperator<String> filter;

  private TraceWriter(Writer out, UnaryOperator<String> filter) {
    this.out = out;
    this.filter = filter;
  }

  /** Opens {@code file} for appending, creating it and its folders if needed. */
  public static TraceWriter open(Path file) {
    return open(file, UnaryOperator.identity());
  }

  /**
   * Opens {@code file} for appending like {@link #open(Path)}, passing each event's JSON line
   * through {@code filter} before it is written, e.g. to redact secrets that a server echoed into
   * an error message. The filter must keep the line one JSON object.
   */
  public static TraceWriter open(Path file, UnaryOperator<String> filter) {
    java.util.Objects.requireNonNull(filter, "filter");
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return new TraceWriter(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          filter);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trace file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void onEvent(RunEvent event) {
    try {
      out.write(filter.apply(Traces.toJson(event)));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close trace: " + e.getMessage(), e);
    }
  }
}
