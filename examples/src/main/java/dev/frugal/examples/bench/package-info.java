/**
 * Benchmarks of the library itself (not of agent quality): reservations through a Redis budget
 * store, and many concurrent runs against a fake model with latency. Agent quality is measured in
 * the {@code testbed} module.
 */
package dev.frugal.examples.bench;
