/**
 * Machinery shared by the strategies of {@code dev.frugal.core.strategy} and its sub-packages
 * (prompt texts, answer voting, running the tool calls of a model turn: {@link
 * dev.frugal.core.strategy.internal.ToolTurn}). Not an API: it may change in any release; an
 * architecture test keeps these types out of every public signature.
 */
package dev.frugal.core.strategy.internal;
