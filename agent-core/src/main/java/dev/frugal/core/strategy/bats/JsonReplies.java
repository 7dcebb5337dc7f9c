package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the JSON object in a model's reply. Models asked for JSON sometimes wrap it in a Markdown
 * code fence or a sentence; the object from the first '{' to the last '}' is taken.
 */
final class JsonReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReplies() {}

  static JsonNode object(String text) throws MalformedReply {
    if (text == null || text.isBlank()) throw new MalformedReply("the reply is empty");
    int from = text.indexOf('{');
    int to = text.lastIndexOf('}');
    if (from < 0 || to < from) {
      throw new MalformedReply("the reply holds no JSON object: " + excerpt(text));
    }
    try {
      JsonNode n = JSON.readTree(text.substring(from, to + 1));
      if (n == null || !n.isObject()) {
        throw new MalformedReply("the reply is not a JSON object: " + excerpt(text));
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MalformedReply(
          "the reply is not valid JSON (" + e.getOriginalMessage() + "): " + excerpt(text));
    }
  }

  /** The text of field {@code name}, "" when absent; arrays and objects are written as JSON. */
  static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) return "";
    if (n.isValueNode()) return n.asText().strip();
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(e.isValueNode() ? e.asText().strip() : e.toString()));
      return String.join("\n", parts);
    }
    return n.toString();
  }

  /** The strings of array field {@code name}; an absent field is an empty list. */
  static List<String> strings(JsonNode o, String name) throws MalformedReply {
    JsonNode n = o.get(name);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    if (!n.isArray()) {
      throw new MalformedReply("field '" + name + "' must be an array of strings, got " + n);
    }
    for (JsonNode e : n) {
      String s = e.isValueNode() ? e.asText().strip() : e.toString();
      if (!s.isEmpty()) out.add(s);
    }
    return out;
  }

  /** {@code value} upper-cased as an enum constant of {@code type}. */
  static <E extends Enum<E>> E constant(Class<E> type, String field, String value)
      throws MalformedReply {
    String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) return e;
    }
    List<String> valid = new ArrayList<>();
    for (E e : type.getEnumConstants()) valid.add(e.name());
    throw new MalformedReply(
        "field '" + field + "' is '" + value + "'; valid values: " + String.join(", ", valid));
  }

  static String excerpt(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() > 120 ? t.substring(0, 120) + " ..." : t;
  }
}
