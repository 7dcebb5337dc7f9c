package dev.frugal.core.intercept;

import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.tool.ToolResult;

/**
 * Wraps tool calls; see the package documentation. An interceptor that answers without calling
 * {@link Chain#proceed} (e.g. a cache hit) is not charged; it marks its result with {@link
 * ToolResult#servedBy(String)} so the trace shows who answered.
 *
 * <p><b>Spending on a result.</b> An interceptor may also work on the result the tool returned,
 * e.g. condense a long page with a model before the agent reads it (the memory module's {@code
 * PageMemory}). Such model calls must be paid like every other call of the run: make them with
 * {@code chain.run().chat(purpose, request, chain.ledger())}, which reserves before the call,
 * settles after it, releases on failure, traces a {@code ModelCalled} event with the purpose and
 * shows in the run's cost breakdown. When the ledger cannot pay, that call throws {@code
 * BudgetExceededException} having spent nothing: catch it and return a result that needs no model
 * (e.g. the text cut short), because an exception leaving {@link #intercept} reads to the model as
 * "the call was not made" although the tool ran and was charged.
 *
 * <p>Must be thread-safe: with an executor on the agent ({@link
 * dev.frugal.core.AgentBuilder#executor}) the calls of one model turn pass through it at the same
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

    /**
     * The run this call belongs to: its question, its trace notes, and its metered model calls
     * ({@link RunContext#chat(String, dev.langchain4j.model.chat.request.ChatRequest, Ledger)}).
     */
    RunContext run();

    /**
     * The ledger this tool call is charged to (the run's working ledger, or the ledger of the
     * sample or attempt that made the call): pay an interceptor's own model calls from it, so they
     * count against the same budget as the call that caused them.
     */
    Ledger ledger();
  }
}
