package dev.frugal.mcp.client;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An MCP tool's JSON schema (a parsed map) as the LangChain4j schema the model is shown and the
 * registry validates against. Covers objects, strings, enums, numbers, integers, booleans, null,
 * arrays, type lists and anyOf/oneOf; anything else (references, conditionals) becomes a raw
 * schema, which the registry accepts as it is and the server itself checks.
 */
final class SchemaConversion {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private SchemaConversion() {}

  static JsonObjectSchema parameters(Map<String, Object> schema) {
    if (schema == null) return JsonObjectSchema.builder().build();
    JsonSchemaElement e = element(schema);
    if (e instanceof JsonObjectSchema o) return o;
    // a non-object input schema: expose it as the whole argument object, unchecked
    return JsonObjectSchema.builder().build();
  }

  @SuppressWarnings("unchecked")
  static JsonSchemaElement element(Object node) {
    if (!(node instanceof Map<?, ?> raw)) return raw(node);
    Map<String, Object> s = (Map<String, Object>) raw;
    String description = s.get("description") instanceof String d ? d : null;
    Object type = s.get("type");
    if (s.get("enum") instanceof List<?> values
        && values.stream().allMatch(String.class::isInstance)) {
      return JsonEnumSchema.builder()
          .enumValues(values.stream().map(String.class::cast).toList())
          .description(description)
          .build();
    }
    Object anyOf = s.containsKey("anyOf") ? s.get("anyOf") : s.get("oneOf");
    if (type == null && anyOf instanceof List<?> alts) {
      List<JsonSchemaElement> out = new ArrayList<>();
      alts.forEach(a -> out.add(element(a)));
      return JsonAnyOfSchema.builder().anyOf(out).description(description).build();
    }
    if (type instanceof List<?> types) {
      List<JsonSchemaElement> out = new ArrayList<>();
      for (Object t : types) {
        Map<String, Object> one = new java.util.LinkedHashMap<>(s);
        one.put("type", t);
        out.add(element(one));
      }
      return JsonAnyOfSchema.builder().anyOf(out).description(description).build();
    }
    String t;
    if (type instanceof String named) t = named;
    else if (s.containsKey("properties")) t = "object";
    else return raw(s);
    return switch (t) {
      case "object" -> object(s, description);
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      case "array" ->
          JsonArraySchema.builder()
              .items(s.get("items") == null ? null : element(s.get("items")))
              .description(description)
              .build();
      default -> raw(s);
    };
  }

  @SuppressWarnings("unchecked")
  private static JsonObjectSchema object(Map<String, Object> s, String description) {
    JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
    if (s.get("properties") instanceof Map<?, ?> props) {
      ((Map<String, Object>) props).forEach((k, v) -> b.addProperty(k, element(v)));
    }
    if (s.get("required") instanceof List<?> req) {
      b.required(req.stream().map(String::valueOf).toList());
    }
    if (s.get("additionalProperties") instanceof Boolean ap) b.additionalProperties(ap);
    return b.build();
  }

  private static JsonSchemaElement raw(Object node) {
    try {
      return JsonRawSchema.from(JSON.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JsonRawSchema.from("{}");
    }
  }
}
