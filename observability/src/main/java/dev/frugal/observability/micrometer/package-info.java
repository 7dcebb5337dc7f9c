/**
 * Micrometer metrics for Frugal runs: {@link dev.frugal.observability.micrometer.FrugalMeters}
 * counts spend, tokens, runs, refusals, retries and cache hits, and times model and tool calls, in
 * any {@link io.micrometer.core.instrument.MeterRegistry}.
 */
package dev.frugal.observability.micrometer;
