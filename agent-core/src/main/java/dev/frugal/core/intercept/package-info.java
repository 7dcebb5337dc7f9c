/**
 * Extension points around every model and tool call, composed like OkHttp interceptors: each may
 * inspect or change the call, short-circuit it (a cache) or call {@code proceed} more than once (a
 * retry). The engine's own metering (reserve, call, settle) is always the innermost link.
 */
package dev.frugal.core.intercept;
