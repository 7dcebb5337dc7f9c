package dev.frugal.core.engine;

import dev.frugal.core.TokenCounter;

/** The per-code-point rule of {@link TokenCounter#conservative()}. */
public final class ConservativeTokens implements TokenCounter {
  /** The one instance (the counter has no state). */
  public static final ConservativeTokens INSTANCE = new ConservativeTokens();

  /** The sixths of a token each ASCII character costs (the rule below, looked up). */
  private static final byte[] ASCII_SIXTHS = new byte[0x80];

  static {
    for (int cp = 0; cp < 0x80; cp++) {
      if (cp == ' ' || Character.isLetter(cp)) ASCII_SIXTHS[cp] = 2;
      else if (Character.isWhitespace(cp)) ASCII_SIXTHS[cp] = 3;
      else ASCII_SIXTHS[cp] = 6; // digits (numbers split into short groups), punctuation, symbols
    }
  }

  private ConservativeTokens() {}

  @Override
  public long count(String text) {
    // in sixths of a token, so that thirds and halves add up exactly
    long sixths = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        sixths += ASCII_SIXTHS[cp];
      } else {
        long bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // its UTF-8 bytes
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK
            || type == Character.ENCLOSING_MARK
            || type == Character.COMBINING_SPACING_MARK) {
          bytes++; // a combining mark also keeps its base letter from merging with its neighbours
        }
        sixths += 6 * bytes;
      }
    }
    return (sixths + 5) / 6;
  }

  @Override
  public String toString() {
    return "conservative per-code-point rule";
  }
}
