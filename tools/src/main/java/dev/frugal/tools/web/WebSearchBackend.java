package dev.frugal.tools.web;

import java.util.List;

/**
 * A search engine the {@link WebSearchTool} can query. Implementations must be thread-safe and
 * report every failure as a {@link WebApiException} whose message the model can read.
 */
public interface WebSearchBackend {

  /** The engine's name for messages, e.g. {@code SearxNG}. */
  String name();

  /** At most {@code maxResults} results for {@code query}, best first; empty when none. */
  List<WebResult> search(String query, int maxResults) throws WebApiException;
}
