package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Brave Search API: {@code GET https://api.search.brave.com/res/v1/web/search?q=QUERY&count=N}
 * with the key in the {@code X-Subscription-Token} header, reading {@code web.results[].title / url
 * / description}. An answer without a {@code web} section means no web results. The key comes from
 * {@value #KEY_VARIABLE} by default.
 */
public final class BraveBackend extends JsonSearchBackend {
  /** The environment variable holding the key. */
  public static final String KEY_VARIABLE = "BRAVE_API_KEY";

  /** Brave's API address. */
  public static final String DEFAULT_URL = "https://api.search.brave.com/res/v1/web/search";

  private static final String NAME = "Brave Search";
  private static final int MAX_COUNT = 20;

  /** Brave's own endpoint with the key from {@value #KEY_VARIABLE}. */
  public static BraveBackend fromEnvironment(JsonApiClient client) {
    return new BraveBackend(DEFAULT_URL, ApiKey.fromEnvironment(KEY_VARIABLE, NAME), client);
  }

  /**
   * @param endpoint the web-search endpoint (another address only for tests and proxies)
   */
  public BraveBackend(String endpoint, ApiKey key, JsonApiClient client) {
    super(
        NAME,
        ResultParsing.baseUrl(endpoint, "Brave endpoint", DEFAULT_URL),
        Objects.requireNonNull(key, "key"),
        client);
  }

  @Override
  Request request(String query, int maxResults) {
    HttpUrl url =
        endpoint
            .newBuilder()
            .addQueryParameter("q", query)
            .addQueryParameter("count", Integer.toString(Math.min(maxResults, MAX_COUNT)))
            .build();
    return ResultParsing.jsonRequest(url).header("X-Subscription-Token", key.reveal()).build();
  }

  @Override
  List<WebResult> read(JsonNode root, int maxResults) throws WebApiException {
    if (!root.isObject()) {
      throw new WebApiException(NAME + "'s answer is not a JSON object");
    }
    JsonNode web = root.get("web");
    if (web == null || web.isNull()) return List.of();
    return ResultParsing.resultsOf(NAME, web, "description", maxResults);
  }
}
