/**
 * The engine behind {@link dev.frugal.core.Agent}: one run's context ({@link
 * dev.frugal.core.engine.RunContext}: metered model and tool calls, events, the step limit), call
 * deadlines and worker threads, token estimates, provider usage, and typed-answer parsing.
 *
 * <p>Strategies use {@link dev.frugal.core.engine.RunContext} (through {@link
 * dev.frugal.core.Strategy}), {@link dev.frugal.core.engine.RunScope} and {@link
 * dev.frugal.core.engine.Answers}; everything else here is machinery that may change in any
 * release. An architecture test keeps the other types of this package out of every module but
 * agent-core. See {@code docs/architecture.md}, "The front door and the engine".
 */
package dev.frugal.core.engine;
