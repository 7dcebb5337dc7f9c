package dev.frugal.testbed.memory;

import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import java.util.ArrayList;
import java.util.List;

/**
 * What the answering step costs and how much it can read. The reader (SIMULATED, see {@link
 * SimulatedReader}) is priced like a model, {@value #READER} in {@link MemoryBench#PRICES}, and
 * every answer it gives is paid on a {@link Ledger} the way the memory's own calls are: its input
 * over-estimated (one token per 2.5 characters plus 16) and reserved with {@value #ANSWER_TOKENS}
 * output tokens before it reads, the usage (one token per four characters, the simulation's count)
 * settled after. Its context window is {@code windowTokens}: a text that does not fit is cut by
 * dropping its <em>oldest</em> lines first (the question and the header always stay), and a line
 * saying how many were dropped takes their place.
 *
 * @param windowTokens the reader's context window in tokens (the paper's reader, a 70B model, has
 *     128,000 [choice of default])
 */
public record ReaderContext(int windowTokens) {
  /** The reader's model name in the price table. */
  public static final String READER = "sim-reader";

  /** The output tokens reserved for an answer. */
  public static final int ANSWER_TOKENS = 32;

  /** The room kept in the window for the question line, which precedes the fitted text. */
  public static final int QUESTION_TOKENS = 64;

  /** The default: a 128,000-token window. */
  public static final ReaderContext DEFAULT = new ReaderContext(128_000);

  public ReaderContext {
    if (windowTokens < 256)
      throw new IllegalArgumentException(
          "the reader's context window must be >= 256 tokens, got " + windowTokens);
  }

  /** A prompt cut to the window, and how much was dropped. */
  public record Fitted(String text, int droppedLines, int keptLines, long droppedTokens) {
    public boolean truncated() {
      return droppedLines > 0;
    }
  }

  /** Tokens of {@code text} as the simulation counts them (one per four characters). */
  static long tokens(String text) {
    return text.length() / 4 + 1;
  }

  /**
   * {@code header} followed by as many of the <em>latest</em> {@code lines} as fit in the window
   * with the question's and the answer's allowances; dropped lines are replaced by one notice line
   * after the header.
   */
  public Fitted fit(String header, List<String> lines) {
    long room = windowTokens - ANSWER_TOKENS - QUESTION_TOKENS - tokens(header) - 1;
    long total = 0;
    for (String l : lines) total += tokens(l + "\n");
    if (total <= room)
      return new Fitted(header + "\n" + String.join("\n", lines), 0, lines.size(), 0);
    String notice = "[the oldest %d of %d lines did not fit the reader's context and were dropped]";
    room -= tokens(String.format(notice, lines.size(), lines.size()) + "\n");
    List<String> kept = new ArrayList<>();
    long used = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      long t = tokens(lines.get(i) + "\n");
      if (used + t > room) break;
      used += t;
      kept.add(0, lines.get(i));
    }
    int dropped = lines.size() - kept.size();
    StringBuilder sb = new StringBuilder(header).append('\n');
    sb.append(String.format(notice, dropped, lines.size()));
    for (String l : kept) sb.append('\n').append(l);
    return new Fitted(sb.toString(), dropped, kept.size(), total - used);
  }

  /** An answer and what reading for it cost. */
  record Paid(String answer, Spend spend) {}

  /**
   * Reserves the reading of {@code prompt} on {@code ledger}, lets {@code reader} answer, and
   * settles what it used; a reader that throws releases the reservation (nothing is charged).
   */
  static Paid read(
      Ledger ledger, PriceTable prices, String prompt, java.util.function.Supplier<String> reader) {
    long estimateIn = (long) Math.ceil(prompt.length() / 2.5) + 16;
    Spend estimate = Spend.modelCall(READER, estimateIn, 0, ANSWER_TOKENS, prices);
    try (Reservation r = ledger.reserve(estimate)) {
      String answer = reader.get();
      Spend actual =
          Spend.modelCall(
              READER, tokens(prompt), 0, Math.min(ANSWER_TOKENS, tokens(answer)), prices);
      r.settle(actual);
      return new Paid(answer, actual);
    }
  }
}
