package dev.frugal.core.intercept;

import dev.frugal.core.tool.ToolResult;

/**
 * Wraps tool calls; see the package documentation. An interceptor that answers without calling
 * {@link Chain#proceed} (e.g. a cache hit) is not charged; it marks its result with {@link
 * ToolResult#servedBy(String)} so the trace shows who answered.
 *
 * <p>Must be thread-safe: with an executor on the agent ({@link
 * dev.frugal.core.Agent.Builder#executor}) the calls of one model turn pass through it at the same
 * time, each on its own thread.
 */
@FunctionalInterface
public interface ToolInterceptor {

  /** Handles one tool call, usually by passing it on with {@code chain.proceed(...)}. */
  ToolResult intercept(Chain chain);

  /** The rest of the chain. */
  interface Chain {
    /** The call as it reached this link. */
    ToolInvocation invocation();

    /** Passes the invocation on; the innermost link reserves units, runs the tool and settles. */
    ToolResult proceed(ToolInvocation invocation);
  }
}
