package dev.frugal.core.intercept;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;

/**
 * One validated tool call on its way through the interceptor chain.
 *
 * @param runId the run it belongs to
 * @param step the step index within the run
 * @param tool the tool to run
 * @param call its validated arguments
 * @param units the units it will be charged
 * @param rawArguments the arguments as the model sent them
 */
public record ToolInvocation(
    String runId, int step, Tool tool, ToolCall call, long units, String rawArguments) {}
