package dev.frugal.core.engine;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JSON schema of a typed answer: a record whose components are strings, numbers, booleans,
 * enums, lists or arrays of these, or further records. Every component is required and no other
 * property is allowed, so a schema-following model produces exactly what Jackson reads back.
 */
public final class AnswerSchema {
  private static final int MAX_DEPTH = 8;

  private AnswerSchema() {}

  /**
   * The schema of {@code type}.
   *
   * @throws IllegalArgumentException naming the unsupported type and what is supported
   */
  public static JsonObjectSchema of(Class<?> type) {
    if (type == null || !type.isRecord()) {
      throw new IllegalArgumentException(
          "a typed answer needs a record type, got "
              + (type == null ? "null" : type.getName())
              + "; e.g. record Answer(String name, int year) {}");
    }
    return record(type, 0);
  }

  private static JsonObjectSchema record(Class<?> type, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "record " + type.getName() + " nests deeper than " + MAX_DEPTH + " levels");
    }
    JsonObjectSchema.Builder b = JsonObjectSchema.builder();
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      b.addProperty(c.getName(), element(c.getGenericType(), type, c.getName(), depth));
      required.add(c.getName());
    }
    return b.required(required).additionalProperties(false).build();
  }

  private static JsonSchemaElement element(Type t, Class<?> owner, String field, int depth) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      if (Collection.class.isAssignableFrom(raw)) {
        return JsonArraySchema.builder()
            .items(element(p.getActualTypeArguments()[0], owner, field, depth))
            .build();
      }
      return unsupported(t, owner, field);
    }
    if (t instanceof GenericArrayType g) {
      return JsonArraySchema.builder()
          .items(element(g.getGenericComponentType(), owner, field, depth))
          .build();
    }
    if (!(t instanceof Class<?> c)) return unsupported(t, owner, field);
    if (c == String.class || c == char.class || c == Character.class) {
      return new JsonStringSchema();
    }
    if (c == boolean.class || c == Boolean.class) return new JsonBooleanSchema();
    if (c == int.class
        || c == long.class
        || c == short.class
        || c == byte.class
        || c == Integer.class
        || c == Long.class
        || c == Short.class
        || c == Byte.class
        || c == BigInteger.class) {
      return new JsonIntegerSchema();
    }
    if (c == double.class
        || c == float.class
        || c == Double.class
        || c == Float.class
        || c == BigDecimal.class) {
      return new JsonNumberSchema();
    }
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object o : c.getEnumConstants()) names.add(((Enum<?>) o).name());
      return JsonEnumSchema.builder().enumValues(names).build();
    }
    if (c.isArray()) {
      return JsonArraySchema.builder()
          .items(element(c.getComponentType(), owner, field, depth))
          .build();
    }
    if (c.isRecord()) return record(c, depth + 1);
    return unsupported(t, owner, field);
  }

  private static JsonSchemaElement unsupported(Type t, Class<?> owner, String field) {
    throw new IllegalArgumentException(
        "field '"
            + field
            + "' of "
            + owner.getName()
            + " has type "
            + t.getTypeName()
            + ", which a typed answer does not support; use strings, numbers, booleans, enums,"
            + " lists or arrays of these, or records");
  }
}
