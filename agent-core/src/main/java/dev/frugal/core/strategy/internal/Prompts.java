package dev.frugal.core.strategy.internal;

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

  /**
   * Fills the {@code {name}} placeholders of {@code template} with {@code values} in one pass, so
   * braces inside a value are left alone.
   *
   * @throws IllegalArgumentException naming a placeholder without a value
   */
  public static String fill(String template, java.util.Map<String, String> values) {
    java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    while (m.find()) {
      if (!values.containsKey(m.group(1))) {
        throw new IllegalArgumentException(
            "prompt placeholder {" + m.group(1) + "} has no value; given: " + values.keySet());
      }
      String v = values.get(m.group(1));
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\{([a-z_]+)\\}");
}
