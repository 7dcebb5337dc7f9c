package dev.frugal.testbed.sim;

import java.util.Objects;

/**
 * What the policy side of the simulated model knows about a question: its id and its text, as a
 * model reading the request knows them. No answers, no supporting labels, no paragraphs: those stay
 * with {@link Comprehension} and the bench's grader.
 *
 * @param id the dataset's identifier (used only to key random draws and to ask {@link
 *     Comprehension} about this question)
 * @param text the question as asked
 */
record QuestionView(String id, String text) {
  QuestionView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }
}
