/**
 * The history a memory reads: dialogue turns (with the date of their session) or documents, cut
 * into chunks of a token budget, embedded in process with all-MiniLM-L6-v2 and searched by cosine
 * similarity for the chunks nearest a query. Nothing here costs money or calls a language model.
 */
package dev.frugal.memory.history;
