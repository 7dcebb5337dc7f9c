package dev.frugal.core;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.memory.ChatMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChatMemory} of the latest {@code max} messages, the default of {@link
 * Agent#conversation(dev.frugal.core.budget.Budget)}: a conversation keeps each turn's question and
 * answer, and the oldest drop out first. System messages are not kept (each turn's strategy writes
 * its own). Thread-safe.
 */
final class WindowMemory implements ChatMemory {
  private final int max;
  private final List<ChatMessage> messages = new ArrayList<>();

  WindowMemory(int max) {
    this.max = max;
  }

  @Override
  public Object id() {
    return "default";
  }

  @Override
  public synchronized void add(ChatMessage message) {
    if (message instanceof SystemMessage) return;
    messages.add(message);
    while (messages.size() > max) messages.remove(0);
  }

  @Override
  public synchronized List<ChatMessage> messages() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void clear() {
    messages.clear();
  }
}
