package dev.frugal.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A simulated language model for these tests: it replies from a script (tool calls, then an answer)
 * and records the requests it got, so a test can read the tool results it was shown. It does not
 * read the requests to decide.
 */
public final class SimulatedChatModel implements ChatModel {
  private final Deque<AiMessage> script = new ArrayDeque<>();
  public final List<ChatRequest> requests = new ArrayList<>();

  public SimulatedChatModel thenTool(String name, String args) {
    script.add(
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("c" + script.size())
                .name(name)
                .arguments(args)
                .build()));
    return this;
  }

  public SimulatedChatModel thenAnswer(String answer) {
    script.add(AiMessage.from("<answer>" + answer + "</answer>"));
    return this;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    AiMessage m = script.isEmpty() ? AiMessage.from("<answer>None</answer>") : script.poll();
    return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(50, 5)).build();
  }
}
