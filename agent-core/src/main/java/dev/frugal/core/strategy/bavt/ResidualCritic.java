package dev.frugal.core.strategy.bavt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The residual critic's request and the reading of its reply. The critic sees the trajectory up to
 * and including the new step and is asked how much that step advanced the answer compared with the
 * state before it (relative progress, not the absolute quality of the state, which LLMs rate
 * over-confidently). The reply is JSON {@code {"score": x}} with x in [-1, 1], requested through a
 * JSON-schema response format named {@value #SCHEMA_NAME}.
 */
final class ResidualCritic {
  /** The response format's schema name. */
  static final String SCHEMA_NAME = "bavt_critique";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER =
      Pattern.compile("\"score\"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");
  private static final ResponseFormat FORMAT =
      ResponseFormat.builder()
          .type(ResponseFormatType.JSON)
          .jsonSchema(
              JsonSchema.builder()
                  .name(SCHEMA_NAME)
                  .rootElement(
                      JsonObjectSchema.builder()
                          .addNumberProperty(
                              "score",
                              "progress of the newest step over the state before it, from -1"
                                  + " (setback) through 0 (nothing new) to 1 (found what was"
                                  + " missing)")
                          .required("score")
                          .build())
                  .build())
          .build();

  private final String systemPrompt;
  private final String instruction;
  private final int maxOutputTokens;

  ResidualCritic(String systemPrompt, String instruction, int maxOutputTokens) {
    this.systemPrompt = systemPrompt;
    this.instruction = instruction;
    this.maxOutputTokens = maxOutputTokens;
  }

  /** The critique request for {@code trajectory} (the child's conversation, system first). */
  ChatRequest request(List<ChatMessage> trajectory) {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(systemPrompt));
    for (ChatMessage m : trajectory) if (!(m instanceof SystemMessage)) msgs.add(m);
    msgs.add(UserMessage.from(instruction));
    return ChatRequest.builder()
        .messages(msgs)
        .responseFormat(FORMAT)
        .maxOutputTokens(maxOutputTokens)
        .build();
  }

  /**
   * The score in a reply, clamped to [-1, 1]; empty when the reply holds no finite score (the
   * strategy then counts the step as no progress).
   */
  static OptionalDouble score(String reply) {
    if (reply == null || reply.isBlank()) return OptionalDouble.empty();
    double v = Double.NaN;
    try {
      JsonNode n = JSON.readTree(reply.strip());
      if (n != null && n.path("score").isNumber()) v = n.path("score").asDouble();
    } catch (Exception e) {
      Matcher m = NUMBER.matcher(reply); // JSON inside prose or a code fence
      if (m.find()) v = Double.parseDouble(m.group(1));
    }
    if (!Double.isFinite(v)) return OptionalDouble.empty();
    return OptionalDouble.of(Math.max(-1, Math.min(1, v)));
  }
}
