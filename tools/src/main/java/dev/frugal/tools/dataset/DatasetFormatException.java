package dev.frugal.tools.dataset;

/**
 * A dataset file that cannot be read as questions: the message names the file, the 1-based line
 * (when one line is at fault), what was wrong, and what would be valid.
 */
public final class DatasetFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  DatasetFormatException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.source = source;
    this.line = line;
  }

  DatasetFormatException(String source, int line, String problem, Throwable cause) {
    this(source, line, problem);
    initCause(cause);
  }

  /** The file or resource that was read. */
  public String source() {
    return source;
  }

  /** The 1-based line at fault, or 0 when the problem is the file as a whole. */
  public int line() {
    return line;
  }
}
