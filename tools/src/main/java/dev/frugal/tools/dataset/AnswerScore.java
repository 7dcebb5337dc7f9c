package dev.frugal.tools.dataset;

/**
 * How well one predicted answer matches the gold answers.
 *
 * @param exactMatch the normalised prediction equals a normalised gold answer
 * @param f1 the best token F1 over the gold answers, in [0, 1]
 */
public record AnswerScore(boolean exactMatch, double f1) {

  /** Checks that the F1 score is in [0, 1]. */
  public AnswerScore {
    if (!(f1 >= 0 && f1 <= 1))
      throw new IllegalArgumentException("f1 must be in [0, 1], got " + f1);
  }
}
