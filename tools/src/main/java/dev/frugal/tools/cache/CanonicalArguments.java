package dev.frugal.tools.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a call's arguments: object keys sorted at every depth, no whitespace, so
 * {@code {"b":1,"a":2}} and {@code { "a": 2, "b": 1 }} are the same key. Array order matters.
 */
final class CanonicalArguments {
  private CanonicalArguments() {}

  static String of(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    write(n, sb);
    return sb.toString();
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n == null || n.isMissingNode()) {
      sb.append("null");
    } else if (n.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey())).append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) sb.append(',');
        write(n.get(i), sb);
      }
      sb.append(']');
    } else {
      sb.append(n);
    }
  }
}
