/**
 * Strategies for the step loop: {@link dev.frugal.core.strategy.ReAct} (think, call tools, observe,
 * answer) now; BATS and BAVT build on the same {@link dev.frugal.core.engine.RunContext}.
 */
package dev.frugal.core.strategy;
