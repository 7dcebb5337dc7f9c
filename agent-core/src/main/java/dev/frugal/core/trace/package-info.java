/**
 * What happened in a run: {@link dev.frugal.core.trace.RunEvent}s delivered to {@link
 * dev.frugal.core.trace.RunListener}s, written as JSONL traces and read back and summarised.
 */
package dev.frugal.core.trace;
