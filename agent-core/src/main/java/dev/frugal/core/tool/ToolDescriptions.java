package dev.frugal.core.tool;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Short, human-readable renderings of tool schemas for error messages and tool listings. */
public final class ToolDescriptions {
  private ToolDescriptions() {}

  /** E.g. {@code {"queries": [string] (required)}}. */
  public static String schemaSummary(Tool tool) {
    JsonObjectSchema p = tool.specification().parameters();
    if (p == null || p.properties() == null || p.properties().isEmpty()) return "{}";
    List<String> req = p.required() == null ? List.of() : p.required();
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (Map.Entry<String, JsonSchemaElement> e : p.properties().entrySet()) {
      j.add(
          "\""
              + e.getKey()
              + "\": "
              + type(e.getValue())
              + (req.contains(e.getKey()) ? " (required)" : ""));
    }
    return j.toString();
  }

  private static String type(JsonSchemaElement s) {
    if (s instanceof JsonStringSchema) return "string";
    if (s instanceof JsonIntegerSchema) return "integer";
    if (s instanceof JsonNumberSchema) return "number";
    if (s instanceof JsonBooleanSchema) return "boolean";
    if (s instanceof JsonEnumSchema e) return "one of " + e.enumValues();
    if (s instanceof JsonArraySchema a)
      return "[" + (a.items() == null ? "any" : type(a.items())) + "]";
    if (s instanceof JsonObjectSchema) return "object";
    return "any";
  }
}
