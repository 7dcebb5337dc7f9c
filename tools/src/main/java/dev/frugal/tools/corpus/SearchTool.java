package dev.frugal.tools.corpus;

import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.batch.BatchSpecification;
import dev.frugal.tools.batch.BatchTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import java.util.Objects;

/**
 * The {@code search} tool, shaped like the search tool of the BATS paper (arXiv 2511.17006): a
 * batch of queries, one Query unit each, and for each query the best paragraphs as id, title and
 * opening sentence only. The facts themselves are read with {@link OpenTool}, which costs its own
 * units; a search that returned whole paragraphs would make the budget almost irrelevant on
 * HotpotQA, where the question alone retrieves every supporting paragraph for most items.
 *
 * <p>Output, one block per query, blocks separated by a blank line:
 *
 * <pre>
 * Results for "QUERY":
 * 1. [p12] Title — opening sentence
 * 2. ...
 * </pre>
 */
public final class SearchTool extends BatchTool {

  /** The tool's name. */
  public static final String NAME = "search";

  /** The array parameter holding the queries. */
  public static final String PARAM = "queries";

  /** Results shown per query unless configured otherwise. */
  public static final int DEFAULT_HITS_PER_QUERY = 10;

  private static final ToolSpecification SPEC =
      BatchSpecification.of(
          NAME,
          "Search the document collection. Each query returns up to 10 results, each an id,"
              + " a title and the opening sentence of the paragraph; use 'open' with ids or"
              + " titles to read whole paragraphs. Every query costs one Query unit.",
          PARAM,
          "One or more search queries in plain words, e.g. [\"Shirley Temple"
              + " ambassador\"]; each query costs one unit");

  private final CorpusIndex index;
  private final int hitsPerQuery;

  /** A search tool over {@code index} showing {@link #DEFAULT_HITS_PER_QUERY} results per query. */
  public SearchTool(CorpusIndex index) {
    this(index, DEFAULT_HITS_PER_QUERY);
  }

  /** A search over {@code index} returning {@code hitsPerQuery} hits per query. */
  public SearchTool(CorpusIndex index, int hitsPerQuery) {
    super(SPEC, PARAM, "Query");
    this.index = Objects.requireNonNull(index, "index");
    if (hitsPerQuery < 1) {
      throw new IllegalArgumentException("hitsPerQuery must be at least 1, got " + hitsPerQuery);
    }
    this.hitsPerQuery = hitsPerQuery;
  }

  @Override
  public ToolResult execute(ToolCall call) {
    List<String> queries = call.requireStrings(PARAM, "query", "[\"your words\"]");
    StringBuilder out = new StringBuilder();
    for (String query : queries) {
      if (out.length() > 0) out.append("\n\n");
      out.append("Results for \"").append(query.strip()).append("\":");
      List<SearchHit> hits = index.search(query, hitsPerQuery);
      if (hits.isEmpty()) {
        out.append("\n(no results; try other words)");
      }
      for (int i = 0; i < hits.size(); i++) {
        SearchHit h = hits.get(i);
        out.append('\n')
            .append(i + 1)
            .append(". [")
            .append(h.id())
            .append("] ")
            .append(h.title())
            .append(" \u2014 ")
            .append(h.snippet());
      }
    }
    return ToolResult.ok(out.toString());
  }
}
