package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Tavily search API: {@code POST https://api.tavily.com/search} with a JSON body {@code
 * {"query", "max_results", "search_depth": "basic"}} and the key as a bearer token, reading {@code
 * results[].title / url / content}. The key comes from {@value #KEY_VARIABLE} by default.
 */
public final class TavilyBackend extends JsonSearchBackend {
  /** The environment variable holding the key. */
  public static final String KEY_VARIABLE = "TAVILY_API_KEY";

  /** Tavily's API address. */
  public static final String DEFAULT_URL = "https://api.tavily.com";

  private static final String NAME = "Tavily";
  private static final int MAX_RESULTS = 20;
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tavily's own endpoint with the key from {@value #KEY_VARIABLE}. */
  public static TavilyBackend fromEnvironment(JsonApiClient client) {
    return new TavilyBackend(DEFAULT_URL, ApiKey.fromEnvironment(KEY_VARIABLE, NAME), client);
  }

  /**
   * @param baseUrl the API's base address; {@code /search} is appended
   */
  public TavilyBackend(String baseUrl, ApiKey key, JsonApiClient client) {
    super(
        NAME,
        ResultParsing.under(ResultParsing.baseUrl(baseUrl, "Tavily URL", DEFAULT_URL), "search")
            .build(),
        Objects.requireNonNull(key, "key"),
        client);
  }

  @Override
  Request request(String query, int maxResults) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    body.put("max_results", Math.min(maxResults, MAX_RESULTS));
    body.put("search_depth", "basic");
    return ResultParsing.jsonRequest(endpoint)
        .header("Authorization", "Bearer " + key.reveal())
        .post(RequestBody.create(body.toString(), JSON_TYPE))
        .build();
  }

  @Override
  List<WebResult> read(JsonNode root, int maxResults) throws WebApiException {
    return ResultParsing.resultsOf(NAME, root, "content", maxResults);
  }
}
