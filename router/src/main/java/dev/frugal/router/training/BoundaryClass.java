package dev.frugal.router.training;

/**
 * Where a training question sits relative to the two boundary policies: EASY when always-SMALL
 * succeeds, HARD when only always-LARGE does, INTRACTABLE when neither does. A policy "succeeds" on
 * a question when at least {@code threshold} of its K runs succeed [choice: 1, the paper's "at
 * least one success in K"; a majority, e.g. 3 of 5, is the alternative for noisy environments].
 */
public enum BoundaryClass {
  /** Always-SMALL succeeds. */
  EASY,
  /** Only always-LARGE succeeds. */
  HARD,
  /** Neither succeeds. */
  INTRACTABLE;

  /** The class of a question from its boundary successes. */
  public static BoundaryClass of(int smallSuccesses, int largeSuccesses, int threshold) {
    if (threshold < 1)
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    if (smallSuccesses >= threshold) return EASY;
    return largeSuccesses >= threshold ? HARD : INTRACTABLE;
  }
}
