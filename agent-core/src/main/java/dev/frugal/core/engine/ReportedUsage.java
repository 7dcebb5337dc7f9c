package dev.frugal.core.engine;

/**
 * Checks the token usage a provider reports before it is charged. Negative counts (which would
 * credit the budget), cached input above the input, and counts beyond any real context window are
 * impossible: the call is charged its reserved estimate instead, and the run stops with a {@link
 * StopReason.ModelFailure} that says what was wrong.
 */
final class ReportedUsage {
  /** More tokens than any model's context window, by a wide margin (the largest hold ~2M). */
  static final long MAX_TOKENS_PER_CALL = 100_000_000L;

  private ReportedUsage() {}

  /** What is impossible about this usage, or null when it may be charged. */
  static String problem(long input, long cached, long output) {
    if (input < 0 || output < 0 || cached < 0) {
      return "negative token counts (input "
          + input
          + ", cached "
          + cached
          + ", output "
          + output
          + "); counts must be >= 0";
    }
    if (cached > input) {
      return "more cached input tokens (" + cached + ") than input tokens (" + input + ")";
    }
    if (input > MAX_TOKENS_PER_CALL || output > MAX_TOKENS_PER_CALL) {
      return "implausible token counts (input "
          + input
          + ", output "
          + output
          + "); at most "
          + MAX_TOKENS_PER_CALL
          + " per call are accepted";
    }
    return null;
  }

  /** A provider reported usage that cannot be charged; not retried. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }
}
