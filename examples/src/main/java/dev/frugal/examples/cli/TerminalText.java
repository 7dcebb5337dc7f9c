package dev.frugal.examples.cli;

/**
 * Text from a trace or a model made safe for a terminal: control characters (ANSI escape sequences,
 * carriage returns, C1 controls) and the Unicode bidirectional overrides are shown as {@code
 * \\uXXXX} instead of acting on the terminal, so a hostile trace cannot repaint the screen or
 * disguise what it says.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code s} with every control character escaped, line breaks included: one line. */
  /** {@code n} and the noun, singular for one: "1 unit", "2 units", "1 call", "0 steps". */
  static String count(long n, String singular) {
    return n + " " + (n == 1 ? singular : singular + "s");
  }

  static String line(String s) {
    return escape(s, false);
  }

  /** {@code s} with every control character escaped except the line break {@code \n}. */
  static String lines(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepNewlines) {
    if (s == null) return null;
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean unsafe =
          (c < 0x20 && !(keepNewlines && c == '\n'))
              || (c >= 0x7F && c <= 0x9F)
              || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069);
      if (unsafe && sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      if (sb == null) continue;
      if (!unsafe) sb.append(c);
      else if (c == '\n') sb.append("\\n");
      else if (c == '\t') sb.append("\\t");
      else sb.append(String.format("\\u%04x", (int) c));
    }
    return sb == null ? s : sb.toString();
  }
}
