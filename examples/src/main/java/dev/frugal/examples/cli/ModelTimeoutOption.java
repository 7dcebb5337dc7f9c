package dev.frugal.examples.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --model-timeout SECONDS}, shared by {@code ask} and {@code bench}. */
final class ModelTimeoutOption {
  @Option(
      names = "--model-timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description =
          "the most one model call may take, its whole reply, retries and their waits included"
              + " (default: ${DEFAULT-VALUE})")
  double seconds;

  /** The longest timeout accepted: a year, far beyond any call, well within what a clock holds. */
  static final double MAX_SECONDS = 365 * 24 * 3600;

  /** The timeout; the error names what was given and what is valid. */
  Duration duration() {
    if (!(seconds > 0) || Double.isInfinite(seconds) || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "--model-timeout must be a positive number of seconds (e.g. 30 or 2.5), got "
              + seconds
              + (seconds > MAX_SECONDS ? "; the most is " + (long) MAX_SECONDS + " (a year)" : ""));
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }
}
