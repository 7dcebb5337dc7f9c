/**
 * Tool specifications shared by the built-in tools: the batch shape (one required array of strings)
 * that the corpus and web {@code search} / {@code open} tools all take.
 */
package dev.frugal.tools.spec;
