package dev.frugal.core;

import dev.frugal.core.engine.ConservativeTokens;
import dev.frugal.core.engine.OpenAiEncodings;

/**
 * Counts the tokens a model reads in a text, for the input estimate reserved before each call (a
 * settle above the estimate can push a cap over its limit, so estimates err high).
 *
 * <p>{@link #forModel} picks the model family's real tokenizer where one is public (OpenAI's {@code
 * o200k_base} and {@code cl100k_base}, through jtokkit, offline) and {@link #conservative()}
 * otherwise. Set another per model with {@code AgentBuilder.tokenCounter(model, counter)}.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenCounter {

  /** The number of tokens in {@code text}. */
  long count(String text);

  /**
   * The counter for a model name: OpenAI's encoding for {@code gpt-4o*}, {@code gpt-4.1*}, {@code
   * gpt-5*}, {@code o1*}/{@code o3*}/{@code o4*} ({@code o200k_base}) and {@code gpt-4*}, {@code
   * gpt-3.5*} ({@code cl100k_base}); {@link #conservative()} for any other name.
   */
  static TokenCounter forModel(String model) {
    return OpenAiEncodings.forModel(model).orElseGet(TokenCounter::conservative);
  }

  /**
   * A rule for models whose tokenizer is not public, meant never to count fewer tokens than a
   * byte-level BPE tokenizer reads: a third of a token per ASCII letter or space, half per other
   * ASCII whitespace, one per ASCII digit and per punctuation or symbol character, and, per code
   * point beyond ASCII, as many as its UTF-8 bytes (2 for most accented Latin, Cyrillic or Greek
   * letters, 3 for CJK, 4 for emoji), one more for a combining mark. It counts English at about 1.6
   * times a real tokenizer and CJK at 2 to 3 times: too high is the safe side of a budget.
   */
  static TokenCounter conservative() {
    return ConservativeTokens.INSTANCE;
  }
}
