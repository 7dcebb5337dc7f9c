package dev.frugal.memory.history;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One document of a history (a paragraph, a page).
 *
 * @param title its title (may be empty)
 * @param text its text
 * @param date the date relative expressions in it are resolved against
 */
public record Document(String title, String text, LocalDate date) {
  /** Strips the title and text; a missing title becomes empty. */
  public Document {
    title = title == null ? "" : title.strip();
    text = Objects.requireNonNull(text, "text").strip();
    Objects.requireNonNull(date, "date");
  }
}
