/**
 * Benchmarks that are not tests: the engine's per-step overhead next to LangChain4j AiServices on
 * the same scripted conversation, and (with the testbed) the benchmark harness.
 */
package dev.frugal.testbed.bench;
