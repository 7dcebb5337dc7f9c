package dev.frugal.memory;

import dev.frugal.memory.history.History;
import dev.frugal.memory.history.HistoryFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small conversation the project wrote for its memory tests (test resource). */
public final class Conversations {
  private Conversations() {}

  public static History small() {
    try {
      return HistoryFiles.read(
          Path.of(Conversations.class.getResource("/conversation.json").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
