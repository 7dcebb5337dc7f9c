/**
 * The public entry point: {@link dev.frugal.core.Agent} runs a {@link dev.frugal.core.Strategy} in
 * a step loop that reserves budget before every model or tool call and settles it after, and
 * returns a {@link dev.frugal.core.RunResult} with the answer, why the run stopped, and what it
 * cost.
 */
package dev.frugal.core;
