package dev.frugal.router;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test model that never wants to stop: every step asks for a new, never repeated, lookup; a
 * request without tools (a forced final answer) gets an answer.
 */
final class LoopingModel implements ChatModel {
  private final AtomicInteger n = new AtomicInteger();

  @Override
  public ChatResponse doChat(ChatRequest request) {
    boolean tools = request.toolSpecifications() != null && !request.toolSpecifications().isEmpty();
    AiMessage m =
        tools
            ? AiMessage.from(
                ToolExecutionRequest.builder()
                    .id("c" + n.incrementAndGet())
                    .name("lookup")
                    .arguments("{\"word\": \"w" + n.get() + "\"}")
                    .build())
            : AiMessage.from("<answer>done</answer>");
    return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(100, 20)).build();
  }

  /** The tool the model calls. */
  static final class Lookup {
    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    String lookup(String word) {
      return "definition of " + word;
    }
  }
}
