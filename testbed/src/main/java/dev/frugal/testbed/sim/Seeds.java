package dev.frugal.testbed.sim;

import java.util.SplittableRandom;

/**
 * Deterministic randomness for the simulation: a generator derived from the run seed and the parts
 * that identify one decision (question id, message count, title...), so the same request gets the
 * same reply whatever thread or order it arrives in.
 */
final class Seeds {
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /** A generator for the decision named by {@code parts} under {@code seed}. */
  static SplittableRandom random(long seed, Object... parts) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (Object part : parts) {
      String text = String.valueOf(part);
      if (isAscii(text)) {
        // the UTF-8 bytes of ASCII text are its chars: hash them without encoding (hot path)
        for (int i = 0; i < text.length(); i++) h = (h ^ text.charAt(i)) * FNV_PRIME;
      } else {
        h = hashUtf8(h, text);
      }
      h = (h ^ 0x1f) * FNV_PRIME; // separator, so ("ab","c") differs from ("a","bc")
    }
    return new SplittableRandom(h);
  }

  /**
   * Hashes the UTF-8 bytes of {@code text} (exactly those of {@code getBytes(UTF_8)}, an unpaired
   * surrogate included, which encodes as {@code '?'}) without building the byte array: evidence
   * strings hold a whole conversation and are hashed on every request.
   */
  static long hashUtf8(long h, String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * FNV_PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, text.charAt(++i));
          h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
          h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
          h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
          h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
        } else {
          h = (h ^ '?') * FNV_PRIME;
        }
      } else {
        h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      }
    }
    return h;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) >= 0x80) return false;
    return true;
  }

  /** A uniform draw in [0, 1) for the decision named by {@code parts}. */
  static double uniform(long seed, Object... parts) {
    return random(seed, parts).nextDouble();
  }
}
