package dev.frugal.core;

/** The run was cancelled; thrown by {@link RunContext} calls so strategies unwind. */
public final class CancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CancelledException() {
    super("the run was cancelled");
  }
}
