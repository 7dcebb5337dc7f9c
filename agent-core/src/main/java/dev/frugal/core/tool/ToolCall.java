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

  /** A numeric argument, or {@code fallback} when absent. */
  public long number(String param, long fallback) {
    JsonNode n = arguments.get(param);
    return n == null || !n.isNumber() ? fallback : n.asLong();
  }
}
