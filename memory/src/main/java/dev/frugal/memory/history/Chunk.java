package dev.frugal.memory.history;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A piece of the history small enough to embed and retrieve.
 *
 * @param id its position in the history's chunk list
 * @param source a label for where it came from (a document title, or "session N")
 * @param date the date relative expressions in it are resolved against
 * @param sentences its sentences, in order (a dialogue sentence is prefixed with its speaker)
 * @param tokens its length in tokens ({@link Tokens#count})
 */
public record Chunk(int id, String source, LocalDate date, List<String> sentences, int tokens) {
  /** Checks the parts and copies the sentences. */
  public Chunk {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(date, "date");
    sentences = List.copyOf(sentences);
  }

  /** The chunk's text, sentences joined by spaces. */
  public String text() {
    return String.join(" ", sentences);
  }
}
