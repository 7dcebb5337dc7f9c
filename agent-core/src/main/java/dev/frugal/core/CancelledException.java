package dev.frugal.core;

/**
 * The run was cancelled; thrown by {@link dev.frugal.core.engine.RunContext} calls so strategies
 * unwind.
 */
public final class CancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception the engine throws when it sees the run's cancellation. */
  public CancelledException() {
    super("the run was cancelled");
  }
}
