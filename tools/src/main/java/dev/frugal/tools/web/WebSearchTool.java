package dev.frugal.tools.web;

import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.batch.BatchSpecification;
import dev.frugal.tools.batch.BatchTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code search} tool over a {@link WebSearchBackend}: the same contract as the local corpus
 * search (a batch of {@code queries}, one Query unit each, as in the BATS paper) with the web's
 * title, URL and snippet per result; pages are read with the {@code open} tool.
 *
 * <p>Output, one block per query, blocks separated by a blank line:
 *
 * <pre>
 * Results for "QUERY":
 * 1. Title
 *    https://example.org/page
 *    snippet
 * </pre>
 *
 * A query whose backend call fails shows {@code ERROR: ...} in its block; when every query fails
 * the call is a tool error (and, like every tool error, not charged). A call where some queries
 * succeeded is charged in full. Default [choice]: 5 results per query, snippets cut at 300
 * characters.
 */
public final class WebSearchTool extends BatchTool {

  /** The tool's name, shared with the local corpus search so budgets carry over. */
  public static final String NAME = "search";

  /** The array parameter holding the queries. */
  public static final String PARAM = "queries";

  /** Results shown per query unless configured otherwise [choice]. */
  public static final int DEFAULT_RESULTS_PER_QUERY = 5;

  private static final int SNIPPET_MAX_CHARS = 300;

  private final WebSearchBackend backend;
  private final int resultsPerQuery;

  /** A web search over {@code backend} with the default number of results per query. */
  public WebSearchTool(WebSearchBackend backend) {
    this(backend, DEFAULT_RESULTS_PER_QUERY);
  }

  /** A web search over {@code backend} with {@code resultsPerQuery} results per query. */
  public WebSearchTool(WebSearchBackend backend, int resultsPerQuery) {
    super(specification(resultsPerQuery), PARAM, "Query");
    this.backend = Objects.requireNonNull(backend, "backend");
    if (resultsPerQuery < 1 || resultsPerQuery > 20) {
      throw new IllegalArgumentException(
          "resultsPerQuery must be between 1 and 20, got " + resultsPerQuery);
    }
    this.resultsPerQuery = resultsPerQuery;
  }

  /** The specification the model sees, for listings made without a backend. */
  public static ToolSpecification specification(int resultsPerQuery) {
    return BatchSpecification.of(
        NAME,
        "Search the web. Each query returns up to "
            + resultsPerQuery
            + " results, each a title, a URL and a short snippet; use 'open' with URLs to read"
            + " pages. Every query costs one Query unit.",
        PARAM,
        "One or more web search queries, e.g. [\"Shirley Temple ambassador\"];"
            + " each query costs one unit");
  }

  /** The backend this tool asks. */
  public WebSearchBackend backend() {
    return backend;
  }

  @Override
  public ToolResult execute(ToolCall call) {
    List<String> queries = call.requireStrings(PARAM, "query", "[\"your words\"]");
    StringBuilder out = new StringBuilder();
    List<String> failures = new ArrayList<>();
    for (String query : queries) {
      String q = query.strip();
      if (out.length() > 0) out.append("\n\n");
      out.append("Results for \"").append(q).append("\":");
      List<WebResult> results;
      try {
        results = backend.search(q, resultsPerQuery);
      } catch (WebApiException e) {
        failures.add(e.getMessage());
        out.append("\nERROR: ").append(e.getMessage());
        continue;
      }
      if (results.isEmpty()) out.append("\n(no results; try other words)");
      for (int i = 0; i < results.size(); i++) {
        WebResult r = results.get(i);
        out.append('\n')
            .append(i + 1)
            .append(". ")
            .append(r.title().isEmpty() ? "(untitled)" : r.title());
        out.append("\n   ").append(r.url());
        if (!r.snippet().isEmpty()) out.append("\n   ").append(cut(r.snippet()));
      }
    }
    if (failures.size() == queries.size()) {
      return ToolResult.error(
          backend.name()
              + " search failed"
              + (failures.size() == 1 ? ": " + failures.get(0) : " for every query:\n" + out));
    }
    return ToolResult.ok(out.toString());
  }

  private static String cut(String s) {
    return s.length() <= SNIPPET_MAX_CHARS ? s : s.substring(0, SNIPPET_MAX_CHARS - 3) + "...";
  }
}
