package dev.frugal.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.List;

/**
 * Turns one run's text answer into a {@code T}: after the strategy has answered, one more model
 * call, paid from the run's whole budget (its final-answer reserve included), asks for the answer
 * as JSON under the type's schema (the model's JSON-schema response format, see {@link
 * AnswerSchema}). The reply is checked against the schema (every property present; null only where
 * the type is an {@code Optional}) and read with Jackson, which sets records and classes of any
 * visibility: not JSON, a missing or null field, a wrong type or an unknown field is a {@link
 * #problem()}; the call is never retried, so nothing more is spent on a reply that does not fit.
 * One instance serves one run.
 */
public final class StructuredAnswer<T> {
  static final String PURPOSE = "structured-answer";
  private static final String INSTRUCTIONS =
      "You convert the final answer of a research agent into JSON. Reply with one JSON object that"
          + " follows the given schema exactly: every field present, nothing else. Take the values"
          + " from the answer (and the question, for context); do not add facts.";

  private final Class<T> type;
  private final JsonObjectSchema schema;
  private T value;
  private String problem;

  /** The reader of answers of {@code type}, with its JSON schema. */
  public StructuredAnswer(Class<T> type) {
    this.type = type;
    this.schema = AnswerSchema.of(type);
  }

  /** The strategy's outcome, with the stop reason changed if structuring could not be paid for. */
  public Strategy.Outcome apply(RunContext ctx, Ledger root, Strategy.Outcome out) {
    if (out.answer() == null) return out;
    ChatRequest request =
        ChatRequest.builder()
            .messages(
                SystemMessage.from(INSTRUCTIONS),
                UserMessage.from(
                    "Question: " + ctx.question() + "\n\nFinal answer: " + out.answer()))
            .responseFormat(
                ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(
                        JsonSchema.builder().name(type.getSimpleName()).rootElement(schema).build())
                    .build())
            .build();
    String text;
    try {
      text = ctx.chat(PURPOSE, request, root).aiMessage().text();
    } catch (BudgetExceededException e) {
      return new Strategy.Outcome(
          out.answer(), StopReason.BudgetExhausted.refused(e), out.forced());
    } catch (ModelFailureException e) {
      return new Strategy.Outcome(
          out.answer(), new StopReason.ModelFailure(e.getMessage()), out.forced());
    }
    ctx.note(PURPOSE, text == null ? "(no text)" : text);
    read(text);
    return out;
  }

  private void read(String text) {
    if (text == null || text.isBlank()) {
      problem = "the model returned no JSON for " + type.getSimpleName();
      return;
    }
    try {
      JsonNode tree = AnswerSchema.JSON.readTree(unfenced(text));
      T v = AnswerSchema.JSON.treeToValue(tree, type);
      String missing = firstMissing(tree, schema, "");
      if (missing != null) {
        problem =
            "the model's JSON does not fit "
                + type.getSimpleName()
                + ": field '"
                + missing
                + "' is missing or null; got: "
                + abbreviated(text);
        return;
      }
      value = v;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      problem =
          "the model's JSON does not fit "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage()
              + "; expected "
              + schemaSummary()
              + ", got: "
              + abbreviated(text);
    }
  }

  /**
   * The first required property (depth-first, as a dotted path) that the reply lacks or gives as
   * null where the schema does not allow null; or null. Read after Jackson has accepted the reply
   * (whose message names a wrong type), so only absent and null values are left to find here.
   */
  private static String firstMissing(JsonNode node, JsonSchemaElement schema, String path) {
    if (schema instanceof JsonAnyOfSchema any) {
      if (node == null || node.isNull()) return null;
      for (JsonSchemaElement e : any.anyOf()) {
        if (!(e instanceof JsonNullSchema)) return firstMissing(node, e, path);
      }
      return null;
    }
    if (schema instanceof JsonArraySchema array && node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String inner = firstMissing(node.get(i), array.items(), path + "[" + i + "]");
        if (inner != null) return inner;
      }
      return null;
    }
    if (schema instanceof JsonObjectSchema object && node != null && node.isObject()) {
      List<String> required = object.required() == null ? List.of() : object.required();
      for (String name : required) {
        String at = path.isEmpty() ? name : path + "." + name;
        JsonNode f = node.get(name);
        JsonSchemaElement fs = object.properties().get(name);
        if ((f == null || f.isNull()) && !(fs instanceof JsonAnyOfSchema)) return at;
        String inner = firstMissing(f, fs, at);
        if (inner != null) return inner;
      }
    }
    return null;
  }

  private String schemaSummary() {
    StringBuilder sb = new StringBuilder("an object with ");
    List<AnswerSchema.Property> ps = AnswerSchema.properties(type);
    for (int i = 0; i < ps.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(ps.get(i).name())
          .append(" (")
          .append(ps.get(i).type().getRawClass().getSimpleName())
          .append(')');
    }
    return sb.toString();
  }

  private static String unfenced(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (nl > 0 && end > nl) return t.substring(nl + 1, end);
    }
    return t;
  }

  private static String abbreviated(String text) {
    String t = text.strip();
    return t.length() > 300 ? t.substring(0, 300) + " [...]" : t;
  }

  /** The answer read, or null when it could not be read. */
  public T value() {
    return value;
  }

  /** Why the answer could not be read, or null when it was. */
  public String problem() {
    return problem;
  }
}
