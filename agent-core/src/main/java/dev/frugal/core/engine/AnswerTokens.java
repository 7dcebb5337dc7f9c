package dev.frugal.core.engine;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Picks the final answer's text out of one streamed model reply, piece by piece: what follows
 * {@code <answer>} up to {@code </answer>} (the tags {@link Answers#extract} reads), holding back
 * only a tail that could be the start of the closing tag. A reply without the tag is handed over
 * whole, as {@link Answers#extract} reads it, when it has ended without tool calls. Not
 * thread-safe: one instance per call, fed by the call's stream.
 */
final class AnswerTokens implements Consumer<String> {
  private static final String OPEN = "<answer>";
  private static final String CLOSE = "</answer>";

  private final Consumer<String> sink;
  private final StringBuilder seen = new StringBuilder();
  private int emittedTo = -1; // index in seen up to which answer text went out; -1: no tag yet
  private boolean closed;

  AnswerTokens(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public void accept(String piece) {
    seen.append(piece);
    if (closed) return;
    String lower = seen.toString().toLowerCase(Locale.ROOT);
    if (emittedTo < 0) {
      int open = lower.indexOf(OPEN);
      if (open < 0) return;
      emittedTo = open + OPEN.length();
    }
    int close = lower.indexOf(CLOSE, emittedTo);
    int end;
    if (close >= 0) {
      end = close;
      closed = true;
    } else {
      end = seen.length() - heldBack(lower);
    }
    if (end > emittedTo) {
      sink.accept(seen.substring(emittedTo, end));
      emittedTo = end;
    }
  }

  /** How many trailing characters could begin the closing tag. */
  private static int heldBack(String lower) {
    for (int n = Math.min(CLOSE.length() - 1, lower.length()); n > 0; n--) {
      if (CLOSE.startsWith(lower.substring(lower.length() - n))) return n;
    }
    return 0;
  }

  /**
   * The reply has ended. When it answered without tool calls and without the tag, its answer goes
   * out now, whole; an open tag's held-back tail goes out too (the reply ended inside the answer).
   */
  void finish(boolean answered) {
    if (closed) return;
    if (emittedTo >= 0) {
      if (emittedTo < seen.length()) sink.accept(seen.substring(emittedTo));
    } else if (answered) {
      Answers.extract(seen.toString()).ifPresent(sink);
    }
    closed = true;
  }
}
