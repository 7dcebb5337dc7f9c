package dev.frugal.core.tool;

import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * A capability the agent may call. Implementations must be thread-safe: parallel samples call the
 * same instance, and with an executor on the agent the several calls of one model turn run at once.
 *
 * <p>The engine validates a call's arguments against {@link #specification()} and reserves the
 * units {@link #unitRule()} computes <em>before</em> calling {@link #execute(ToolCall)}; the tool
 * itself never deals with money.
 */
public interface Tool {

  /** Name, description and JSON-schema parameters, as the model sees them. */
  ToolSpecification specification();

  /** The name the model calls this tool by. */
  default String name() {
    return specification().name();
  }

  /** How a call is charged; one unit per call unless overridden. */
  default UnitRule unitRule() {
    return UnitRule.perCall();
  }

  /**
   * How long this call may run before the engine stops waiting, interrupts it and returns a timeout
   * error to the model; empty (the default) leaves it to the agent's setting for this tool or its
   * default ({@code AgentBuilder.toolTimeout}). Lets a tool give one call more or less time than
   * another (e.g. by the size of its input).
   */
  default java.util.Optional<java.time.Duration> timeout(ToolCall call) {
    return java.util.Optional.empty();
  }

  /**
   * Runs the tool on validated arguments. Return {@link ToolResult#error(String)} for a failure the
   * model should see and may fix (bad input, nothing found); an exception is also turned into a
   * tool error by the engine, with its message, and so is an {@link Error} such as an {@code
   * AssertionError}. Returning {@code null} is an error too (not charged). The call runs on the
   * run's thread (on a worker thread when the agent isolates calls, {@code
   * AgentBuilder.isolateCalls}) and is interrupted when it times out or the run is cancelled: a
   * tool that blocks should let {@link InterruptedException} (or an interrupted I/O) end it.
   */
  ToolResult execute(ToolCall call) throws Exception;
}
