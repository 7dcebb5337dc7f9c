package dev.frugal.testbed.sim;

import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The dataset the simulated models are run on. The policy side gets only a {@link QuestionView} (id
 * and text) of the question a conversation is about, matched by the question text, which the first
 * user message must contain verbatim; only {@link Comprehension} gets the full question.
 */
public final class SimWorld {
  private final Dataset dataset;
  private final List<Question> byLongestText;
  private final java.util.Map<String, Question> byId = new java.util.HashMap<>();

  public SimWorld(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    // Longest first, so a question whose text contains another's wins.
    this.byLongestText =
        dataset.questions().stream()
            .sorted(Comparator.comparingInt((Question q) -> q.text().length()).reversed())
            .toList();
    dataset.questions().forEach(q -> byId.putIfAbsent(q.id(), q));
  }

  public Dataset dataset() {
    return dataset;
  }

  /**
   * The question whose text {@code message} contains verbatim, as the policy side may see it (id
   * and text only).
   *
   * @throws IllegalArgumentException naming the dataset when no question matches
   */
  QuestionView viewIn(String message) {
    return views.get(
        message,
        m -> {
          Question q = questionIn(m);
          return new QuestionView(q.id(), q.text());
        });
  }

  /** {@link #viewIn} per message: every request of an episode repeats its first message. */
  private final Memo<String, QuestionView> views = new Memo<>(4096);

  /**
   * The id of the question whose text {@code message} contains verbatim.
   *
   * @throws IllegalArgumentException naming the dataset when no question matches
   */
  public String questionIdIn(String message) {
    return questionIn(message).id();
  }

  /** The full question behind {@code view}: for {@link Comprehension} only. */
  Question question(QuestionView view) {
    Question q = byId.get(view.id());
    if (q == null) throw new IllegalArgumentException("no question with id " + view.id());
    return q;
  }

  /**
   * Checks that {@code message} contains the text of one of the dataset's questions.
   *
   * @throws IllegalArgumentException naming the dataset when no question matches
   */
  public void requireKnown(String message) {
    questionIn(message);
  }

  private Question questionIn(String message) {
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
