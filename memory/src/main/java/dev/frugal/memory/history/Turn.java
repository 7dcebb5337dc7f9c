package dev.frugal.memory.history;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One turn of a dialogue.
 *
 * @param session the session it belongs to (0-based)
 * @param date the session's date, which relative expressions ("yesterday") are resolved against
 * @param speaker who spoke
 * @param text what was said
 */
public record Turn(int session, LocalDate date, String speaker, String text) {
  /** Checks the session, date and speaker; strips the text. */
  public Turn {
    if (session < 0) throw new IllegalArgumentException("session must be >= 0, got " + session);
    Objects.requireNonNull(date, "date");
    if (speaker == null || speaker.isBlank())
      throw new IllegalArgumentException("a turn needs a speaker");
    text = text == null ? "" : text.strip();
  }
}
