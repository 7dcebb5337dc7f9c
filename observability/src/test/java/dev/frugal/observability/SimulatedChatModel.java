package dev.frugal.observability;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * A simulated language model for these tests: it replies from a script (tool calls, answers,
 * transient failures), reports 50 input and 5 output tokens per call and names {@code
 * sim-model-2026} as the model that answered. It reads nothing of the request.
 */
public final class SimulatedChatModel implements ChatModel {
  private final Deque<Supplier<AiMessage>> script = new ArrayDeque<>();

  public SimulatedChatModel thenTool(String name, String args) {
    script.add(
        () ->
            AiMessage.from(
                ToolExecutionRequest.builder()
                    .id("c" + script.size())
                    .name(name)
                    .arguments(args)
                    .build()));
    return this;
  }

  /** One turn that calls {@code name} once with each of {@code args}. */
  public SimulatedChatModel thenTools(String name, String... args) {
    java.util.List<ToolExecutionRequest> calls = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      calls.add(ToolExecutionRequest.builder().id("p" + i).name(name).arguments(args[i]).build());
    }
    script.add(() -> AiMessage.from(calls));
    return this;
  }

  public SimulatedChatModel thenAnswer(String answer) {
    script.add(() -> AiMessage.from("<answer>" + answer + "</answer>"));
    return this;
  }

  /** The next call fails with a transient (retriable) error. */
  public SimulatedChatModel thenTransientFailure() {
    script.add(
        () -> {
          throw new RetriableException("simulated 503 from the provider");
        });
    return this;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    Supplier<AiMessage> next = script.poll();
    AiMessage m = next == null ? AiMessage.from("<answer>None</answer>") : next.get();
    return ChatResponse.builder()
        .aiMessage(m)
        .metadata(
            ChatResponseMetadata.builder()
                .modelName("sim-model-2026")
                .tokenUsage(new TokenUsage(50, 5))
                .build())
        .build();
  }
}
