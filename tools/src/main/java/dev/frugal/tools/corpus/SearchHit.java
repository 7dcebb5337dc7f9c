package dev.frugal.tools.corpus;

/**
 * One search result: enough to decide whether to open the paragraph, not its facts.
 *
 * @param id the paragraph's id in the index, e.g. {@code p12}
 * @param title the paragraph's title
 * @param snippet the paragraph's opening sentence, at most {@link CorpusIndex#SNIPPET_MAX_CHARS}
 *     characters
 * @param score the BM25 score; higher is better, comparable only within one query
 */
public record SearchHit(String id, String title, String snippet, double score) {}
