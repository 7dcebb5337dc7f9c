package dev.frugal.core.tool;

/**
 * A tool's arguments passed the schema but not the tool's own checks (an empty list, a blank
 * query). Thrown from {@link Tool#execute}; the engine shows the message to the model as a tool
 * error, as it is, and charges nothing.
 */
public final class ToolArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what was wrong and what would be valid. */
  public ToolArgumentException(String message) {
    super(message);
  }
}
