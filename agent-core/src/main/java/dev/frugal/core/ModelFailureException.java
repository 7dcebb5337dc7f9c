package dev.frugal.core;

/** A model call failed for good; the run stops with {@link StopReason.ModelFailure}. */
public final class ModelFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what failed and its cause. */
  public ModelFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
