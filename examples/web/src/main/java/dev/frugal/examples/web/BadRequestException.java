package dev.frugal.examples.web;

import java.util.List;

/**
 * A request the page's endpoints refuse with 400: the message says what was wrong and what would be
 * valid; {@code suggestions} are questions that would work, when there are any.
 */
public class BadRequestException extends RuntimeException {
  private final List<String> suggestions;

  public BadRequestException(String message) {
    this(message, List.of());
  }

  public BadRequestException(String message, List<String> suggestions) {
    super(message);
    this.suggestions = List.copyOf(suggestions);
  }

  /** Questions that would work instead (empty when none apply). */
  public List<String> suggestions() {
    return suggestions;
  }
}
