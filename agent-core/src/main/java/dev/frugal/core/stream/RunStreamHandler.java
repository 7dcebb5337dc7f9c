package dev.frugal.core.stream;

import dev.frugal.core.RunResult;
import dev.frugal.core.trace.RunEvent;

/**
 * Receives what a streamed run ({@code Agent.runStreaming}) produces, as it happens, on the thread
 * that makes the call in question: the final answer's tokens, each tool call as it starts, every
 * step event, and at the end the run's result. A handler that throws is logged and otherwise
 * ignored: it cannot stop the run or change what it spends.
 */
public interface RunStreamHandler {
  /**
   * A piece of the final answer's text, as the model streams it: the text inside the model's {@code
   * <answer>} tag, or its whole reply when it answers without one. Concatenated, the pieces of one
   * answer are its text before trimming.
   */
  default void onAnswerToken(String token) {}

  /**
   * A tool call that the budget has just paid for in advance, before the tool runs.
   *
   * @param step the run's step
   * @param tool the tool's name
   * @param arguments the arguments as the model wrote them
   * @param units the units reserved for the call
   * @param usd what those units cost at the tool's price
   */
  default void onToolStarted(int step, String tool, String arguments, long units, double usd) {}

  /**
   * An event of the run's trace: a model call with its tokens and cost, a tool call finished with
   * its units and cost, a refusal, a note, the answer, the end of the run.
   */
  default void onEvent(RunEvent event) {}

  /** The run has ended; {@code result} is what {@code runStreaming} returns. */
  default void onComplete(RunResult result) {}
}
