package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A SearxNG instance's JSON API: {@code GET BASE/search?q=QUERY&format=json}, reading {@code
 * results[].title / url / content}. SearxNG needs no key, but its JSON output must be enabled in
 * the instance's {@code settings.yml} ({@code search: formats: [html, json]}); an instance without
 * it answers HTTP 403, which this backend reports with that hint.
 */
public final class SearxngBackend implements WebSearchBackend {
  private static final String NAME = "SearxNG";

  private final HttpUrl base;
  private final JsonApiClient client;

  /**
   * @param baseUrl the instance's address, e.g. {@code http://localhost:8888} (a path prefix such
   *     as {@code https://example.org/searx} is kept)
   */
  public SearxngBackend(String baseUrl, JsonApiClient client) {
    this.base = ResultParsing.baseUrl(baseUrl, "SearxNG URL", "http://localhost:8888");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<WebResult> search(String query, int maxResults) throws WebApiException {
    ResultParsing.checkMax(maxResults);
    HttpUrl url =
        ResultParsing.under(base, "search")
            .addQueryParameter("q", query)
            .addQueryParameter("format", "json")
            .build();
    Request request = ResultParsing.jsonRequest(url).build();
    JsonNode root;
    try {
      root = client.call(NAME, request, null);
    } catch (WebApiException e) {
      if (e.getMessage().contains("HTTP 403")) {
        throw new WebApiException(
            e.getMessage()
                + " (a SearxNG instance answers 403 when JSON output is off: add 'json' under"
                + " search.formats in its settings.yml)");
      }
      throw e;
    }
    return ResultParsing.resultsOf(NAME, root, "content", maxResults);
  }
}
