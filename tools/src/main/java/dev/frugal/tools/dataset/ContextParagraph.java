package dev.frugal.tools.dataset;

import java.util.Objects;

/**
 * One paragraph of a question's own context, marked when it holds a fact needed for the answer.
 *
 * @param paragraph the paragraph (its id is the position within the item's context)
 * @param supporting true when the dataset marks this paragraph as supporting the answer
 */
public record ContextParagraph(Paragraph paragraph, boolean supporting) {

  /** Checks that the paragraph is present. */
  public ContextParagraph {
    Objects.requireNonNull(paragraph, "paragraph");
  }

  /** The paragraph's title. */
  public String title() {
    return paragraph.title();
  }

  /** The paragraph's text. */
  public String text() {
    return paragraph.text();
  }
}
