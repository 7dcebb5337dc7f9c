package dev.frugal.tools.web;

import java.util.Map;
import java.util.Objects;

/**
 * A secret API key and the name of the environment variable it came from. The value is never
 * printed: {@link #toString()} shows only the variable, and {@link #redact(String)} scrubs the
 * value from any text (an error body, an exception message) before it reaches a log, a trace or the
 * model.
 */
public final class ApiKey {
  private final String value;
  private final String source;

  private ApiKey(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** The key held by environment variable {@code variable}; an error naming it when unset. */
  public static ApiKey fromEnvironment(String variable, String service) {
    return fromEnvironment(System.getenv(), variable, service);
  }

  /** Like {@link #fromEnvironment(String, String)} over the given environment (for tests). */
  public static ApiKey fromEnvironment(Map<String, String> env, String variable, String service) {
    String v = env.get(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          service
              + " needs an API key: set the environment variable "
              + variable
              + " (it is read from there only, and never printed)");
    }
    return new ApiKey(v.strip(), variable);
  }

  /** A key given in code; {@code source} names where it came from in messages. */
  public static ApiKey of(String value, String source) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) throw new IllegalArgumentException("API key from " + source + " is blank");
    return new ApiKey(value.strip(), Objects.requireNonNull(source, "source"));
  }

  /** Where the key came from, e.g. {@code BRAVE_API_KEY}; safe to print. */
  public String source() {
    return source;
  }

  /** The secret itself, for building a request header; package-private on purpose. */
  String reveal() {
    return value;
  }

  /** {@code text} with every occurrence of the key replaced by {@code [redacted]}. */
  public String redact(String text) {
    return text == null ? null : text.replace(value, "[redacted]");
  }

  @Override
  public String toString() {
    return "ApiKey[from " + source + ", value redacted]";
  }
}
