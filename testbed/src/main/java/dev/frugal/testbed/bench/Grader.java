package dev.frugal.testbed.bench;

import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.AnswerScore;
import dev.frugal.tools.dataset.Question;

/**
 * The bench's grader: the only class of the testbed, with the simulated model's {@code
 * Comprehension}, that reads a question's gold answers (checked by an architecture test). It scores
 * a final answer by HotpotQA exact match and token F1, best over the gold spans.
 */
public final class Grader {
  private Grader() {}

  /** The score of {@code answer} against the gold answers of {@code question}. */
  public static AnswerScore score(String answer, Question question) {
    return AnswerMetrics.score(answer == null ? "" : answer, question.answers());
  }
}
