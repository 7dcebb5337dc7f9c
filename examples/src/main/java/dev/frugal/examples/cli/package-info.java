/**
 * The {@code frugal} command line (picocli): {@code ask} answers a question with a budget, {@code
 * bench} runs the benchmark harness, {@code trace show} prints a trace file readably.
 */
package dev.frugal.examples.cli;
