package dev.frugal.core;

/**
 * The run was cancelled; thrown by {@link dev.frugal.core.engine.RunContext} calls so strategies
 * unwind.
 */
public final class CancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CancelledException() {
    super("the run was cancelled");
  }
}
