package dev.frugal.testbed.sim;

import java.nio.charset.StandardCharsets;
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
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
          h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
      }
      h = (h ^ 0x1f) * FNV_PRIME; // separator, so ("ab","c") differs from ("a","bc")
    }
    return new SplittableRandom(h);
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
