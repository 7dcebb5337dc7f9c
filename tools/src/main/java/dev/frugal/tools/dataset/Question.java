package dev.frugal.tools.dataset;

import java.util.List;
import java.util.Objects;

/**
 * A multi-hop question with its gold answers and the paragraphs it was published with.
 *
 * @param id the dataset's identifier for the item
 * @param text the question as asked
 * @param answers acceptable answer spans (aliases); scores take the best of them; never empty
 * @param type the dataset's question type (e.g. {@code bridge}, {@code comparison}), or {@link
 *     #UNKNOWN_TYPE} when the file does not say
 * @param supportingTitles titles of the paragraphs that hold the facts needed, in dataset order;
 *     never empty
 * @param paragraphs the item's own context paragraphs (gold and distractors), in dataset order
 */
public record Question(
    String id,
    String text,
    List<String> answers,
    String type,
    List<String> supportingTitles,
    List<ContextParagraph> paragraphs) {

  /** The {@link #type()} of items whose file carries no type (the IRCoT format has none). */
  public static final String UNKNOWN_TYPE = "unknown";

  /** Checks the parts and copies the lists; a question needs an answer and supporting titles. */
  public Question {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
    answers = List.copyOf(answers);
    supportingTitles = List.copyOf(supportingTitles);
    paragraphs = List.copyOf(paragraphs);
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("question " + id + " has no answer; give at least one");
    }
    if (supportingTitles.isEmpty()) {
      throw new IllegalArgumentException(
          "question " + id + " has no supporting title; give at least one");
    }
  }

  /** The supporting paragraphs of this item's context, in dataset order. */
  public List<ContextParagraph> supportingParagraphs() {
    return paragraphs.stream().filter(ContextParagraph::supporting).toList();
  }
}
