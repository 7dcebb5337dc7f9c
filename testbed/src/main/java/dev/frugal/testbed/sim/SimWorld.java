package dev.frugal.testbed.sim;

import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the simulated model knows and the agent under test never does: every question of a dataset
 * with its gold answers, supporting paragraphs and distractors. A conversation is matched to its
 * question by the question text, which the first user message must contain verbatim.
 */
public final class SimWorld {
  private final Dataset dataset;
  private final List<Question> byLongestText;

  public SimWorld(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    // Longest first, so a question whose text contains another's wins.
    this.byLongestText =
        dataset.questions().stream()
            .sorted(Comparator.comparingInt((Question q) -> q.text().length()).reversed())
            .toList();
  }

  public Dataset dataset() {
    return dataset;
  }

  /**
   * The question whose text {@code message} contains verbatim.
   *
   * @throws IllegalArgumentException naming the dataset when no question matches
   */
  public Question questionIn(String message) {
    if (message != null) {
      for (Question q : byLongestText) {
        if (message.contains(q.text())) return q;
      }
    }
    String shown =
        message == null
            ? "nothing"
            : '"' + (message.length() > 120 ? message.substring(0, 117) + "..." : message) + '"';
    throw new IllegalArgumentException(
        "the simulated model only knows the "
            + dataset.questions().size()
            + " questions of dataset '"
            + dataset.name()
            + "'; the first user message must contain one of them verbatim, but it was "
            + shown);
  }
}
