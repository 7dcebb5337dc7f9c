package dev.frugal.core.strategy.bats;

import dev.frugal.core.ModelFailureException;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.engine.RunContext;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model call that must come back as JSON of a given schema: asked with a JSON {@link
 * ResponseFormat}, charged to the run's working ledger through {@link RunContext#chat}, parsed, and
 * retried at most {@code retries} times when the reply cannot be used. A retry repeats the request
 * with a line appended to its last user message saying what was wrong with the reply. Nothing here
 * throws for what the model does: a refusal by the ledger, a model failure or a reply still
 * unusable after the retries give an empty result, and the reason goes to the trace. Cancellation
 * is not swallowed.
 */
final class StructuredCall {
  /** Parses a reply or says what is wrong with it. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String reply) throws MalformedReply;
  }

  private StructuredCall() {}

  static ChatRequest request(List<ChatMessage> msgs, JsonSchema schema, Double temperature) {
    ChatRequest.Builder b =
        ChatRequest.builder()
            .messages(msgs)
            .responseFormat(
                ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
    if (temperature != null) b.temperature(temperature);
    return b.build();
  }

  static <T> Optional<T> ask(
      RunContext ctx,
      String purpose,
      List<ChatMessage> msgs,
      JsonSchema schema,
      Double temperature,
      Parser<T> parser,
      int retries) {
    List<ChatMessage> current = msgs;
    for (int attempt = 0; attempt <= retries; attempt++) {
      String text;
      try {
        text = ctx.chat(purpose, request(current, schema, temperature)).aiMessage().text();
      } catch (BudgetExceededException e) {
        ctx.note(
            purpose,
            "no " + purpose + " call: the budget cannot pay for it (" + e.cap().describe() + ")");
        return Optional.empty();
      } catch (ModelFailureException e) {
        ctx.note(purpose, "the " + purpose + " call failed: " + e.getMessage());
        return Optional.empty();
      }
      try {
        return Optional.of(parser.parse(text));
      } catch (MalformedReply e) {
        boolean again = attempt < retries;
        ctx.note(
            purpose,
            "unusable "
                + purpose
                + " reply: "
                + e.getMessage()
                + (again ? "; asking once more" : ""));
        if (again) current = withComplaint(msgs, e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static List<ChatMessage> withComplaint(List<ChatMessage> msgs, String problem) {
    List<ChatMessage> out = new ArrayList<>(msgs);
    String line =
        "\n\n(Your previous reply could not be used: "
            + problem.replaceAll("\\s+", " ")
            + ". Reply with only the JSON object.)";
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i) instanceof UserMessage u && u.hasSingleText()) {
        out.set(i, UserMessage.from(u.singleText() + line));
        return out;
      }
    }
    out.add(UserMessage.from(line.strip()));
    return out;
  }
}
