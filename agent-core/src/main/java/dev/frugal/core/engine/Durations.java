package dev.frugal.core.engine;

import java.time.Duration;

/**
 * Durations as people write them in settings and messages: {@code 2s}, {@code 1.5s}, {@code 5m}.
 */
final class Durations {
  private Durations() {}

  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms >= 60_000) return (ms / 60_000) + "m";
    if (ms % 1000 == 0) return (ms / 1000) + "s";
    if (ms >= 1000)
      return String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0).replaceAll("0+s$", "s");
    return ms + "ms";
  }
}
