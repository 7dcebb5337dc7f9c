package dev.frugal.core.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads versioned prompt texts kept as resources beside the strategies. */
public final class Prompts {
  private Prompts() {}

  /** The text of {@code /dev/frugal/core/strategy/NAME.txt}. */
  public static String load(String name) {
    String path = "/dev/frugal/core/strategy/" + name + ".txt";
    try (InputStream in = Prompts.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalArgumentException("no prompt resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt " + path, e);
    }
  }
}
