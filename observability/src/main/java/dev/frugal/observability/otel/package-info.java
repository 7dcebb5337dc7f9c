/**
 * OpenTelemetry tracing for Frugal runs: {@link dev.frugal.observability.otel.OtelRunListener}
 * turns a run's events into a span tree that follows the OpenTelemetry GenAI semantic conventions
 * ({@code invoke_agent} for the run, {@code chat} per model call, {@code execute_tool} per tool
 * call), with Frugal's budget attributes ({@code frugal.*}) on every span. See
 * docs/observability.md.
 */
package dev.frugal.observability.otel;
