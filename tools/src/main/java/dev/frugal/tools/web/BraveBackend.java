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
public final class BraveBackend implements WebSearchBackend {
  /** The environment variable holding the key. */
  public static final String KEY_VARIABLE = "BRAVE_API_KEY";

  /** Brave's API address. */
  public static final String DEFAULT_URL = "https://api.search.brave.com/res/v1/web/search";

  private static final String NAME = "Brave Search";
  private static final int MAX_COUNT = 20;

  private final HttpUrl endpoint;
  private final ApiKey key;
  private final JsonApiClient client;

  /** Brave's own endpoint with the key from {@value #KEY_VARIABLE}. */
  public static BraveBackend fromEnvironment(JsonApiClient client) {
    return new BraveBackend(DEFAULT_URL, ApiKey.fromEnvironment(KEY_VARIABLE, NAME), client);
  }

  /**
   * @param endpoint the web-search endpoint (another address only for tests and proxies)
   */
  public BraveBackend(String endpoint, ApiKey key, JsonApiClient client) {
    this.endpoint = ResultParsing.baseUrl(endpoint, "Brave endpoint", DEFAULT_URL);
    this.key = Objects.requireNonNull(key, "key");
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
        endpoint
            .newBuilder()
            .addQueryParameter("q", query)
            .addQueryParameter("count", Integer.toString(Math.min(maxResults, MAX_COUNT)))
            .build();
    Request request =
        ResultParsing.jsonRequest(url).header("X-Subscription-Token", key.reveal()).build();
    JsonNode root = client.call(NAME, request, key);
    if (!root.isObject()) {
      throw new WebApiException(NAME + "'s answer is not a JSON object");
    }
    JsonNode web = root.get("web");
    if (web == null || web.isNull()) return List.of();
    return ResultParsing.resultsOf(NAME, web, "description", maxResults);
  }
}
