/**
 * Extension points around every model and tool call, composed like OkHttp interceptors: each may
 * inspect or change the call, short-circuit it (a cache) or call {@code proceed} more than once (a
 * retry). The engine's own metering (reserve, call, settle) is always the innermost link.
 *
 * <p>A tool interceptor may also spend on a tool's result, e.g. condense a long page with a model
 * before the agent reads it: {@code ToolInterceptor.Chain} hands it the run ({@code run()}) and the
 * ledger the call is charged to ({@code ledger()}), and {@code run().chat(purpose, request,
 * ledger())} meters those model calls against the run's budget like the strategy's own (reserve,
 * settle, release on failure; traced with their purpose; in the cost breakdown). The memory
 * module's page memory is built on this; the dependency runs from it to this package, never back.
 */
package dev.frugal.core.intercept;
