package dev.frugal.core;

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
import java.util.function.Function;

/** A test model that replies from a script and records every request it gets. */
public final class ScriptedChatModel implements ChatModel {
  public final Deque<Function<ChatRequest, AiMessage>> script = new ArrayDeque<>();
  public final List<ChatRequest> requests = new ArrayList<>();
  int inputTokens = 50;
  int outputTokens = 5;

  public ScriptedChatModel then(AiMessage m) {
    script.add(r -> m);
    return this;
  }

  public ScriptedChatModel thenTool(String name, String args) {
    return then(
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("c" + script.size())
                .name(name)
                .arguments(args)
                .build()));
  }

  public ScriptedChatModel thenAnswer(String answer) {
    return then(AiMessage.from("<answer>" + answer + "</answer>"));
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    if (script.isEmpty())
      throw new AssertionError("script exhausted at request " + requests.size());
    AiMessage m = script.poll().apply(request);
    return ChatResponse.builder()
        .aiMessage(m)
        .tokenUsage(new TokenUsage(inputTokens, outputTokens))
        .build();
  }
}
