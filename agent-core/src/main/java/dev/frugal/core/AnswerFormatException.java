package dev.frugal.core;

/**
 * The model's structured answer did not fit the requested type: it was not JSON, lacked a field,
 * had one of the wrong type or an unknown one. Nothing more is spent on it (the structuring call is
 * not retried); {@link #result()} carries the run with everything it did spend and its text answer.
 */
public final class AnswerFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RunResult result;

  AnswerFormatException(String message, RunResult result) {
    super(message);
    this.result = result;
  }

  /** The run that produced the unfitting answer: its cost, text answer and trace. */
  public RunResult result() {
    return result;
  }
}
