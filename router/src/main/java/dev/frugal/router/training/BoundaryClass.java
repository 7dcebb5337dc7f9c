package dev.frugal.router.training;

/**
 * Where a training question sits relative to the two boundary policies: EASY when always-SMALL
 * succeeds, HARD when only always-LARGE does, INTRACTABLE when neither does ("succeeds" = at least
 * one success in K runs [choice]).
 */
public enum BoundaryClass {
  EASY,
  HARD,
  INTRACTABLE;

  /** The class of a question from its boundary successes. */
  public static BoundaryClass of(int smallSuccesses, int largeSuccesses) {
    if (smallSuccesses > 0) return EASY;
    return largeSuccesses > 0 ? HARD : INTRACTABLE;
  }
}
