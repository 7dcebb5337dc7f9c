/**
 * Tool-result caching: a Caffeine-backed tool interceptor that answers identical calls (same tool,
 * same canonical arguments) within a time-to-live, marked {@code cached} in the trace.
 */
package dev.frugal.tools.cache;
