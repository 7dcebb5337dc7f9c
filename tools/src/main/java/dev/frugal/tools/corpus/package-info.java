/**
 * Local corpus search for the testbed: a Lucene BM25 index over titled paragraphs, and the {@code
 * search} / {@code open} tools an agent uses to find titles and then read paragraphs.
 */
package dev.frugal.tools.corpus;
