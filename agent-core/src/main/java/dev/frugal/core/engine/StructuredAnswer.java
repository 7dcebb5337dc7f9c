package dev.frugal.core.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.lang.reflect.RecordComponent;

/**
 * Turns one run's text answer into a {@code T}: after the strategy has answered, one more model
 * call, paid from the run's whole budget (its final-answer reserve included), asks for the answer
 * as JSON under the record's schema (the model's JSON-schema response format). The reply is read
 * with Jackson and checked: not JSON, a missing or null field, a wrong type or an unknown field is
 * a {@link #problem()}; the call is never retried, so nothing more is spent on a reply that does
 * not fit. One instance serves one run.
 */
public final class StructuredAnswer<T> {
  static final String PURPOSE = "structured-answer";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
  private static final String INSTRUCTIONS =
      "You convert the final answer of a research agent into JSON. Reply with one JSON object that"
          + " follows the given schema exactly: every field present, nothing else. Take the values"
          + " from the answer (and the question, for context); do not add facts.";

  private final Class<T> type;
  private final JsonObjectSchema schema;
  private T value;
  private String problem;

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
      T v = JSON.readValue(unfenced(text), type);
      String missing = firstNull(v);
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

  /** The first record component (depth-first) that is null, as a dotted path, or null. */
  private static String firstNull(Object v) {
    if (v == null || !v.getClass().isRecord()) return null;
    for (RecordComponent c : v.getClass().getRecordComponents()) {
      Object f;
      try {
        f = c.getAccessor().invoke(v);
      } catch (ReflectiveOperationException e) {
        return c.getName();
      }
      if (f == null) return c.getName();
      String inner = firstNull(f);
      if (inner != null) return c.getName() + "." + inner;
    }
    return null;
  }

  private String schemaSummary() {
    StringBuilder sb = new StringBuilder("an object with ");
    RecordComponent[] cs = type.getRecordComponents();
    for (int i = 0; i < cs.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(cs[i].getName()).append(" (").append(cs[i].getType().getSimpleName()).append(')');
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

  public T value() {
    return value;
  }

  public String problem() {
    return problem;
  }
}
