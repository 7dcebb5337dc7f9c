package dev.frugal.tools.dataset;

import java.util.Objects;

/**
 * A titled paragraph of text, as in a Wikipedia-derived QA corpus. Sentence boundaries inside
 * {@code text} show as double spaces.
 *
 * @param id an identifier, unique within its source (a dataset item's context or a corpus index)
 * @param title the title of the page the paragraph comes from
 * @param text the paragraph text
 */
public record Paragraph(String id, String title, String text) {

  /** Checks that every part is present. */
  public Paragraph {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }
}
