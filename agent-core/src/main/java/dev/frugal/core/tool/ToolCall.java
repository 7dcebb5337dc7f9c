package dev.frugal.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation of a tool, with its arguments already parsed and validated against the tool's
 * schema.
 *
 * @param id the model's id for this call (may be null)
 * @param name the tool name
 * @param arguments the arguments as a JSON object
 */
public record ToolCall(String id, String name, JsonNode arguments) {

  /** A string argument, or {@code null} when absent. */
  public String string(String param) {
    JsonNode n = arguments.get(param);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** An array-of-strings argument, or an empty list when absent. */
  public List<String> strings(String param) {
    JsonNode n = arguments.get(param);
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) n.forEach(e -> out.add(e.asText()));
    return out;
  }

  /**
   * The strings of the array argument {@code param}, which must hold at least one element and no
   * blank one.
   *
   * @param noun what one element is, for the message (e.g. {@code query})
   * @param example a valid value of the argument, for the message (e.g. {@code ["your words"]})
   * @throws ToolArgumentException telling the model what was wrong and what to send instead
   */
  public List<String> requireStrings(String param, String noun, String example) {
    List<String> values = strings(param);
    if (values.isEmpty()) {
      throw new ToolArgumentException(
          "'"
              + param
              + "' is empty; pass at least one "
              + noun
              + ", e.g. {\""
              + param
              + "\": "
              + example
              + "}");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).isBlank()) {
        throw new ToolArgumentException(
            noun
                + " "
                + (i + 1)
                + " of "
                + values.size()
                + " is blank; every "
                + noun
                + " needs text");
      }
    }
    return values;
  }

  /**
   * The arguments in a canonical text form (object keys sorted at every depth, no whitespace), so
   * that {@code {"b":1,"a":2}} and {@code { "a": 2, "b": 1 }} compare equal; array order matters.
   */
  public String canonicalArguments() {
    StringBuilder sb = new StringBuilder();
    canonical(arguments, sb);
    return sb.toString();
  }

  private static void canonical(JsonNode n, StringBuilder sb) {
    if (n == null || n.isMissingNode()) {
      sb.append("null");
    } else if (n.isObject()) {
      java.util.Map<String, JsonNode> sorted = new java.util.TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      sb.append('{');
      boolean first = true;
      for (java.util.Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        quote(e.getKey(), sb);
        sb.append(':');
        canonical(e.getValue(), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) sb.append(',');
        canonical(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      quote(n.textValue(), sb);
    } else {
      sb.append(n);
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  /** A numeric argument, or {@code fallback} when absent. */
  public long number(String param, long fallback) {
    JsonNode n = arguments.get(param);
    return n == null || !n.isNumber() ? fallback : n.asLong();
  }
}
