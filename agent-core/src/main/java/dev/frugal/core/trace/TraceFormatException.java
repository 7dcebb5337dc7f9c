package dev.frugal.core.trace;

/** A trace file could not be read; the message names the file, the line and what was wrong. */
public final class TraceFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what was wrong and its cause. */
  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
