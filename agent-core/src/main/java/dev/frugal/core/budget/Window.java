package dev.frugal.core.budget;

import java.time.Instant;
import java.util.Locale;

/**
 * The period over which a shared {@link BudgetScope} counts spending: a calendar day or month in
 * UTC, or no window at all (the caps hold forever, until a reset). Spending belongs to the window
 * in which its reservation was made, so a call reserved at 23:59:59 settles into that day.
 */
public enum Window {
  /** One UTC calendar day, e.g. {@code 2026-11-30}. */
  DAY("day"),
  /** One UTC calendar month, e.g. {@code 2026-11}. */
  MONTH("month"),
  /** No window: one set of books for the scope's whole life. */
  NONE("none");

  private final String word;
  private volatile Label lastLabel;

  Window(String word) {
    this.word = word;
  }

  /**
   * The word used in scope ids and on the command line: {@code day}, {@code month}, {@code none}.
   */
  public String word() {
    return word;
  }

  /**
   * The label of the window containing {@code now}: {@code 2026-11-30}, {@code 2026-11} or {@code
   * all}.
   */
  public String label(Instant now) {
    if (this == NONE) return "all";
    long day = Math.floorDiv(now.getEpochSecond(), 86_400L);
    Label last = lastLabel;
    if (last != null && last.epochDay == day) return last.text; // every reserve asks: keep it cheap
    java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
    String text =
        this == DAY
            ? String.format(
                Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())
            : String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
    lastLabel = new Label(day, text);
    return text;
  }

  /** The label last computed, for the UTC day it was computed for. */
  private record Label(long epochDay, String text) {}

  /** Parses {@code day}, {@code month} or {@code none}; the error names the valid words. */
  public static Window parse(String word) {
    for (Window w : values()) {
      if (w.word.equals(word)) return w;
    }
    throw new IllegalArgumentException(
        "window must be one of day, month, none (UTC calendar windows), got '" + word + "'");
  }
}
