package dev.frugal.core.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The JSON schema of a typed answer, and the Jackson reader that turns a reply back into it. A
 * typed answer is a record (of any visibility: declared in a method, package-private or private
 * nested) or a class whose properties Jackson can set (fields, setters or a creator), whose
 * properties are strings, numbers, booleans, enums, {@code java.time} values (ISO-8601 strings,
 * {@link Year} a number), {@code Optional}s of these, lists, sets or arrays of these, or further
 * such records and classes. Every property is required and no other property is allowed (the strict
 * form of the JSON-schema response format); an {@code Optional} property must be present and may be
 * null, which reads as empty.
 */
public final class AnswerSchema {
  private static final int MAX_DEPTH = 8;
  private static final String SUPPORTED =
      "use strings, numbers, booleans, enums, java.time values, Optionals, lists, sets or arrays"
          + " of these, or records and classes of these";

  /**
   * Reads typed answers: records of any visibility (through their canonical constructor), classes
   * through their fields of any visibility or setters, {@code Optional} and {@code java.time}
   * values. Unknown properties and nulls for primitives are errors; other nulls are found against
   * the schema, with their path, by StructuredAnswer.
   */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private AnswerSchema() {}

  /**
   * The schema of {@code type}.
   *
   * @throws IllegalArgumentException naming the unsupported type and what is supported
   */
  public static JsonObjectSchema of(Class<?> type) {
    if (type == null || !isObject(type)) {
      throw new IllegalArgumentException(
          "a typed answer needs a record or a class with properties, got "
              + (type == null ? "null" : type.getName())
              + "; e.g. record Answer(String name, int year) {}");
    }
    return object(JSON.constructType(type), 0);
  }

  /** The names and declared types of {@code type}'s properties, in schema order. */
  static List<Property> properties(Class<?> type) {
    return properties(JSON.constructType(type));
  }

  /** One property of a typed answer. */
  record Property(String name, JavaType type) {}

  private static List<Property> properties(JavaType type) {
    List<Property> out = new ArrayList<>();
    Class<?> raw = type.getRawClass();
    if (raw.isRecord()) {
      for (RecordComponent c : raw.getRecordComponents()) {
        out.add(new Property(c.getName(), JSON.getTypeFactory().constructType(c.getGenericType())));
      }
      return out;
    }
    BeanDescription d = JSON.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition p : d.findProperties()) {
      if (p.couldDeserialize()) out.add(new Property(p.getName(), p.getPrimaryType()));
    }
    return out;
  }

  private static boolean isObject(Class<?> c) {
    if (c.isRecord()) return true;
    if (c.isPrimitive()
        || c.isArray()
        || c.isEnum()
        || c.isInterface()
        || Modifier.isAbstract(c.getModifiers())
        || c.getName().startsWith("java.")
        || c.getName().startsWith("javax.")) {
      return false;
    }
    return !properties(JSON.constructType(c)).isEmpty();
  }

  private static JsonObjectSchema object(JavaType type, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "type " + type.getRawClass().getName() + " nests deeper than " + MAX_DEPTH + " levels");
    }
    JsonObjectSchema.Builder b = JsonObjectSchema.builder();
    List<String> required = new ArrayList<>();
    for (Property p : properties(type)) {
      b.addProperty(p.name(), element(p.type(), type.getRawClass(), p.name(), depth));
      required.add(p.name());
    }
    return b.required(required).additionalProperties(false).build();
  }

  private static JsonSchemaElement element(JavaType t, Class<?> owner, String field, int depth) {
    Class<?> c = t.getRawClass();
    if (c == Optional.class) {
      JavaType inner = t.containedTypeOrUnknown(0);
      return nullable(element(inner, owner, field, depth));
    }
    if (c == OptionalInt.class || c == OptionalLong.class) {
      return nullable(new JsonIntegerSchema());
    }
    if (c == OptionalDouble.class) return nullable(new JsonNumberSchema());
    if (Map.class.isAssignableFrom(c)) return unsupported(t, owner, field);
    if (Collection.class.isAssignableFrom(c) || t.isArrayType()) {
      JavaType items = t.getContentType();
      if (items == null || items.getRawClass() == Object.class) return unsupported(t, owner, field);
      if (c == char[].class) return new JsonStringSchema();
      return JsonArraySchema.builder().items(element(items, owner, field, depth)).build();
    }
    if (c == String.class || c == char.class || c == Character.class || c == UUID.class) {
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
        || c == BigInteger.class
        || c == Year.class) {
      return new JsonIntegerSchema();
    }
    if (c == double.class
        || c == float.class
        || c == Double.class
        || c == Float.class
        || c == BigDecimal.class) {
      return new JsonNumberSchema();
    }
    String time = timeFormat(c);
    if (time != null) return JsonStringSchema.builder().description(time).build();
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object o : c.getEnumConstants()) names.add(((Enum<?>) o).name());
      return JsonEnumSchema.builder().enumValues(names).build();
    }
    if (isObject(c)) return object(t, depth + 1);
    return unsupported(t, owner, field);
  }

  private static JsonSchemaElement nullable(JsonSchemaElement e) {
    return JsonAnyOfSchema.builder().anyOf(e, new JsonNullSchema()).build();
  }

  /** The ISO-8601 form a {@code java.time} value is written in, with an example; or null. */
  private static String timeFormat(Class<?> c) {
    if (c == LocalDate.class) return "ISO-8601 date, e.g. 2024-05-31";
    if (c == LocalDateTime.class) return "ISO-8601 local date-time, e.g. 2024-05-31T14:30:00";
    if (c == LocalTime.class) return "ISO-8601 local time, e.g. 14:30:00";
    if (c == Instant.class) return "ISO-8601 instant in UTC, e.g. 2024-05-31T14:30:00Z";
    if (c == OffsetDateTime.class || c == ZonedDateTime.class) {
      return "ISO-8601 date-time with offset, e.g. 2024-05-31T14:30:00+02:00";
    }
    if (c == YearMonth.class) return "ISO-8601 year and month, e.g. 2024-05";
    if (c == Duration.class) return "ISO-8601 duration, e.g. PT1H30M";
    if (c == Period.class) return "ISO-8601 period, e.g. P1Y2M3D";
    return null;
  }

  private static JsonSchemaElement unsupported(JavaType t, Class<?> owner, String field) {
    throw new IllegalArgumentException(
        "field '"
            + field
            + "' of "
            + owner.getName()
            + " has type "
            + t.toCanonical()
            + ", which a typed answer does not support; "
            + SUPPORTED);
  }
}
