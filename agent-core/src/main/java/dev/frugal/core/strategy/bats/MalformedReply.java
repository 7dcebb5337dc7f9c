package dev.frugal.core.strategy.bats;

/** A structured reply that cannot be used, with what was wrong in it. */
final class MalformedReply extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedReply(String problem) {
    super(problem);
  }
}
