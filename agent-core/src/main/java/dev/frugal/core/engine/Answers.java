package dev.frugal.core.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a final answer out of a model's text. */
public final class Answers {
  private static final Pattern TAG = Pattern.compile("(?is)<answer>(.*?)(?:</answer>|$)");
  private static final Pattern FINAL = Pattern.compile("(?is)final answer\\s*[:：]\\s*(.+)$");

  private Answers() {}

  /**
   * The text inside {@code <answer>...</answer>} if present, else what follows "Final answer:",
   * else the whole text; trimmed. Empty for blank text or the answer "None".
   */
  public static Optional<String> extract(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    Matcher m = TAG.matcher(text);
    String a;
    if (m.find()) {
      a = m.group(1);
    } else {
      Matcher f = FINAL.matcher(text);
      a = f.find() ? f.group(1) : text;
    }
    a = a.strip();
    if (a.isEmpty() || a.equalsIgnoreCase("none")) return Optional.empty();
    return Optional.of(a);
  }
}
