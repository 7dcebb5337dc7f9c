package dev.frugal.tools.settings;

import java.time.Duration;
import java.util.Objects;

/** A duration setting that must be greater than zero (a timeout, a time-to-live). */
public final class PositiveDuration {
  private PositiveDuration() {}

  /**
   * {@code d} itself when it is positive; a {@link NullPointerException} naming {@code what} when
   * it is null, and an {@link IllegalArgumentException} saying {@code what must be positive, got D}
   * when it is zero or negative.
   */
  public static Duration require(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
