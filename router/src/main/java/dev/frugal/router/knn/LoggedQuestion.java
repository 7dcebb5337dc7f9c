package dev.frugal.router.knn;

import java.util.Map;
import java.util.Objects;

/**
 * One question of the history: its embedding and what each model that ran it did.
 *
 * @param questionId the question's id in its dataset
 * @param embedding the question's embedding (any length; the history's dimension)
 * @param outcomes by model name; at least one
 */
public record LoggedQuestion(String questionId, float[] embedding, Map<String, Outcome> outcomes) {
  /** Checks that the fields are given and copies the outcomes. */
  public LoggedQuestion {
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(embedding, "embedding");
    if (outcomes == null || outcomes.isEmpty()) {
      throw new IllegalArgumentException("question " + questionId + " has no outcomes");
    }
    outcomes = Map.copyOf(new java.util.TreeMap<>(outcomes));
  }
}
