package dev.frugal.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks tool arguments against a LangChain4j JSON schema, the subset tools use: objects with
 * required properties, strings, numbers, integers, booleans, enums, arrays and any-of. Unknown
 * schema kinds (references, raw schemas) are accepted as they are.
 */
final class ArgumentValidator {

  private ArgumentValidator() {}

  /** The problems found, each naming the argument and what would be valid; empty when valid. */
  static List<String> validate(JsonObjectSchema schema, JsonNode args) {
    List<String> problems = new ArrayList<>();
    if (args == null || !args.isObject()) {
      problems.add("arguments must be a JSON object, got " + kind(args));
      return problems;
    }
    if (schema != null) check(schema, args, "", problems);
    return problems;
  }

  private static void check(JsonSchemaElement s, JsonNode v, String path, List<String> out) {
    String where = path.isEmpty() ? "arguments" : "argument '" + path + "'";
    if (s instanceof JsonObjectSchema o) {
      if (!v.isObject()) {
        out.add(where + " must be an object, got " + kind(v));
        return;
      }
      if (o.required() != null) {
        for (String r : o.required()) {
          if (!v.has(r) || v.get(r).isNull()) {
            out.add("missing required argument '" + join(path, r) + "'" + expect(o, r));
          }
        }
      }
      if (o.properties() != null) {
        v.fields()
            .forEachRemaining(
                e -> {
                  JsonSchemaElement p = o.properties().get(e.getKey());
                  if (p != null) {
                    if (!e.getValue().isNull()) check(p, e.getValue(), join(path, e.getKey()), out);
                  } else if (Boolean.FALSE.equals(o.additionalProperties())) {
                    out.add(
                        "unknown argument '"
                            + join(path, e.getKey())
                            + "'; valid arguments: "
                            + o.properties().keySet());
                  }
                });
      }
    } else if (s instanceof JsonStringSchema) {
      if (!v.isTextual()) out.add(where + " must be a string, got " + kind(v));
    } else if (s instanceof JsonIntegerSchema) {
      if (!v.isIntegralNumber()) out.add(where + " must be an integer, got " + kind(v));
    } else if (s instanceof JsonNumberSchema) {
      if (!v.isNumber()) out.add(where + " must be a number, got " + kind(v));
    } else if (s instanceof JsonBooleanSchema) {
      if (!v.isBoolean()) out.add(where + " must be true or false, got " + kind(v));
    } else if (s instanceof JsonNullSchema) {
      if (!v.isNull()) out.add(where + " must be null, got " + kind(v));
    } else if (s instanceof JsonEnumSchema e) {
      if (!v.isTextual() || !e.enumValues().contains(v.asText())) {
        out.add(where + " must be one of " + e.enumValues() + ", got " + v);
      }
    } else if (s instanceof JsonArraySchema a) {
      if (!v.isArray()) {
        out.add(where + " must be an array, got " + kind(v));
        return;
      }
      if (a.items() != null) {
        for (int i = 0; i < v.size(); i++) check(a.items(), v.get(i), path + "[" + i + "]", out);
      }
    } else if (s instanceof JsonAnyOfSchema any) {
      for (JsonSchemaElement alt : any.anyOf()) {
        List<String> probe = new ArrayList<>();
        check(alt, v, path, probe);
        if (probe.isEmpty()) return;
      }
      out.add(where + " matches none of the allowed shapes, got " + kind(v));
    }
  }

  private static String expect(JsonObjectSchema o, String prop) {
    JsonSchemaElement p = o.properties() == null ? null : o.properties().get(prop);
    return p == null ? "" : " (" + shape(p) + ")";
  }

  private static String shape(JsonSchemaElement s) {
    if (s instanceof JsonStringSchema) return "a string";
    if (s instanceof JsonIntegerSchema) return "an integer";
    if (s instanceof JsonNumberSchema) return "a number";
    if (s instanceof JsonBooleanSchema) return "true or false";
    if (s instanceof JsonEnumSchema e) return "one of " + e.enumValues();
    if (s instanceof JsonArraySchema a) {
      return a.items() == null
          ? "an array"
          : "an array of " + shape(a.items()).replaceFirst("^an? ", "") + "s";
    }
    if (s instanceof JsonObjectSchema) return "an object";
    return "a value";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) return "nothing";
    if (v.isNull()) return "null";
    if (v.isTextual()) return "the string " + abbreviate(v.toString());
    if (v.isNumber()) return "the number " + v;
    if (v.isBoolean()) return v.toString();
    if (v.isArray()) return "an array";
    return "an object";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...\"";
  }
}
