package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A SearxNG instance's JSON API: {@code GET BASE/search?q=QUERY&format=json}, reading {@code
 * results[].title / url / content}. SearxNG needs no key, but its JSON output must be enabled in
 * the instance's {@code settings.yml} ({@code search: formats: [html, json]}); an instance without
 * it answers HTTP 403, which this backend reports with that hint.
 */
public final class SearxngBackend extends JsonSearchBackend {
  private static final String NAME = "SearxNG";

  /**
   * @param baseUrl the instance's address, e.g. {@code http://localhost:8888} (a path prefix such
   *     as {@code https://example.org/searx} is kept)
   */
  public SearxngBackend(String baseUrl, JsonApiClient client) {
    super(
        NAME, ResultParsing.baseUrl(baseUrl, "SearxNG URL", "http://localhost:8888"), null, client);
  }

  @Override
  Request request(String query, int maxResults) {
    HttpUrl url =
        ResultParsing.under(endpoint, "search")
            .addQueryParameter("q", query)
            .addQueryParameter("format", "json")
            .build();
    return ResultParsing.jsonRequest(url).build();
  }

  /** Adds the settings.yml hint to an HTTP 403, SearxNG's answer when JSON output is off. */
  @Override
  JsonNode call(Request request) throws WebApiException {
    try {
      return super.call(request);
    } catch (WebApiException e) {
      if (e.getMessage().contains("HTTP 403")) {
        throw new WebApiException(
            e.getMessage()
                + " (a SearxNG instance answers 403 when JSON output is off: add 'json' under"
                + " search.formats in its settings.yml)");
      }
      throw e;
    }
  }

  @Override
  List<WebResult> read(JsonNode root, int maxResults) throws WebApiException {
    return ResultParsing.resultsOf(NAME, root, "content", maxResults);
  }
}
