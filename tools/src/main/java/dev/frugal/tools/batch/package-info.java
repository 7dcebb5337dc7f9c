/**
 * The batch tool shape shared by the corpus and web {@code search} / {@code open} tools: one
 * required array of strings, each element one unit (a query, an id, a URL).
 */
package dev.frugal.tools.batch;
