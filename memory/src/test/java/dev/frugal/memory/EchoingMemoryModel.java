package dev.frugal.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test stand-in for a language model (no comprehension at all): it replies to each memory
 * module's prompt in the requested line format using only the prompt's own text (keeps the first
 * sentences, echoes capitalised words as entities, ...), and reports token usage of one token per
 * four characters, never more than the request allowed. It can be told to fail.
 */
public final class EchoingMemoryModel implements ChatModel {
  private static final Pattern NUMBERED = Pattern.compile("(?m)^#(\\d+) \\[[^]]*] (.*)$");
  private final AtomicInteger calls = new AtomicInteger();
  private final boolean fail;

  public EchoingMemoryModel(boolean fail) {
    this.fail = fail;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    calls.incrementAndGet();
    if (fail) throw new IllegalStateException("provider unavailable (test)");
    String prompt = ((UserMessage) request.messages().get(0)).singleText();
    StringBuilder reply = new StringBuilder();
    Matcher m = NUMBERED.matcher(prompt);
    int n = 0;
    while (m.find()) {
      n++;
      if (prompt.startsWith("[memory module: filter]") && n <= 3) {
        reply.append("KEEP: #").append(m.group(1)).append('\n');
      } else if (prompt.startsWith("[memory module: entity]")) {
        Matcher w = Pattern.compile("\\b[A-Z][a-z]{2,}\\b").matcher(m.group(2));
        while (w.find()) reply.append("ENTITY: ").append(w.group()).append(" | NAME\n");
      }
    }
    if (prompt.startsWith("[memory module: temporal]")) reply.append("DATE: today | 2023-05-08\n");
    if (prompt.startsWith("[memory module: topic]")) reply.append("TOPIC: conversation\n");
    if (prompt.startsWith("[memory module: summary]")) {
      reply.append("SUMMARY: ").append(prompt, 0, Math.min(prompt.length(), 400));
    }
    int max = request.maxOutputTokens() == null ? 256 : request.maxOutputTokens();
    int out = Math.min(max, reply.length() / 4 + 1);
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(reply.toString()))
        .tokenUsage(new TokenUsage(prompt.length() / 4 + 1, out))
        .build();
  }
}
