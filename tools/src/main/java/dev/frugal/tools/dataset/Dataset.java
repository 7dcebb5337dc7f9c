package dev.frugal.tools.dataset;

import java.util.List;
import java.util.Objects;

/**
 * A loaded dataset.
 *
 * @param name a short name, e.g. {@code hotpotqa-dev500}
 * @param questions the usable questions, in file order
 * @param skipped how many items of the file were left out because their context lacks one of their
 *     supporting titles (or they name none)
 * @param source where it was read from: a file path or a classpath resource
 */
public record Dataset(String name, List<Question> questions, int skipped, String source) {

  /** Checks the parts and copies the list. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    questions = List.copyOf(questions);
    if (skipped < 0) throw new IllegalArgumentException("skipped must be >= 0, got " + skipped);
  }

  /** The first {@code n} questions (all of them when {@code n} is larger), same name and source. */
  public Dataset first(int n) {
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
    return new Dataset(name, questions.subList(0, Math.min(n, questions.size())), skipped, source);
  }

  /**
   * Every context paragraph of every question, in file order, duplicates included (items often
   * share paragraphs; a corpus index removes the repeats).
   */
  public List<Paragraph> paragraphs() {
    return questions.stream()
        .flatMap(q -> q.paragraphs().stream())
        .map(ContextParagraph::paragraph)
        .toList();
  }
}
