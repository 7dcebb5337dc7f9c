package dev.frugal.examples.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets the CLI was configured with (API keys from the environment) and how to keep them out
 * of everything it writes: each occurrence, and the value of any {@code Authorization}, {@code
 * X-Subscription-Token} or {@code api_key} a server echoes back, becomes {@code [redacted]}.
 */
final class Secrets {
  /** The variables the CLI reads keys from; any other {@code *_API_KEY} or {@code *_TOKEN} too. */
  static final Set<String> KEY_VARIABLES =
      Set.of(
          "FRUGAL_API_KEY",
          "OPENAI_API_KEY",
          "ANTHROPIC_API_KEY",
          "BRAVE_API_KEY",
          "TAVILY_API_KEY");

  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(_API_KEY|_TOKEN|_SECRET|_PASSWORD)");

  /** Shorter values are not treated as secrets: redacting them would garble ordinary text. */
  static final int MIN_LENGTH = 8;

  private static final Pattern HEADER_VALUE =
      Pattern.compile(
          "(?i)((?:authorization|x-subscription-token|x-api-key|api[_-]?key)[\"']?\\s*[:=]\\s*"
              + "[\"']?(?:bearer\\s+|basic\\s+)?)([^\\s\"',;}]{"
              + MIN_LENGTH
              + ",})");

  static final String MARK = "[redacted]";

  /** The credentials of a store URL ({@code redis://user:password@host}), whoever prints it. */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)(rediss?://)[^\\s@/\"']+@");

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  static Secrets fromEnvironment(Map<String, String> env) {
    List<String> v = new ArrayList<>();
    env.forEach(
        (name, value) -> {
          boolean secret = KEY_VARIABLES.contains(name) || SECRET_NAME.matcher(name).matches();
          if (secret && value != null && value.strip().length() >= MIN_LENGTH) {
            v.add(value.strip());
          }
        });
    v.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(v));
  }

  /** {@code text} with every secret and every echoed credential header value replaced. */
  String redact(String text) {
    if (text == null || text.isEmpty()) return text;
    String s = text;
    for (String v : values) {
      if (s.contains(v)) s = s.replace(v, MARK);
    }
    s = withoutUrlCredentials(s);
    Matcher m = HEADER_VALUE.matcher(s);
    if (!m.find()) return s;
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MARK));
  }

  private static String withoutUrlCredentials(String s) {
    if (!s.contains("://")) return s;
    return URL_CREDENTIALS.matcher(s).replaceAll("$1***@");
  }

  /**
   * How many characters at the end of {@code latin1} (bytes as ISO-8859-1 characters) could be the
   * beginning of a secret, to be held back until more output shows whether it is one.
   */
  int possibleStartAtEnd(String latin1) {
    int keep = 0;
    for (String v : values) {
      String asBytes = new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      for (int k = Math.min(asBytes.length() - 1, latin1.length()); k > keep; k--) {
        if (latin1.endsWith(asBytes.substring(0, k))) {
          keep = k;
          break;
        }
      }
    }
    return keep;
  }

  /**
   * Like {@link #redact} on text held as ISO-8859-1 characters standing for raw bytes: the secrets
   * are matched as their UTF-8 bytes, so output in any ASCII-compatible encoding is redacted
   * without being decoded.
   */
  String redactBytes(String latin1) {
    String s = latin1;
    for (String v : values) {
      String asBytes = new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      if (s.contains(asBytes)) s = s.replace(asBytes, MARK);
    }
    s = withoutUrlCredentials(s);
    Matcher m = HEADER_VALUE.matcher(s);
    if (!m.find()) return s;
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MARK));
  }
}
