package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * What the three JSON backends share: a name for messages, an address, an optional key and the
 * {@link JsonApiClient}. {@link #search} checks {@code maxResults}, sends the backend's {@link
 * #request}, and hands the JSON answer to the backend's {@link #read}.
 */
abstract sealed class JsonSearchBackend implements WebSearchBackend
    permits BraveBackend, SearxngBackend, TavilyBackend {
  private final String name;
  private final JsonApiClient client;

  /** The address given by the user, parsed. */
  final HttpUrl endpoint;

  /** The key sent with every request and scrubbed from messages; null for a backend without one. */
  final ApiKey key;

  /**
   * Keeps {@code endpoint} and {@code key} as given (already checked); {@code client} is checked.
   */
  JsonSearchBackend(String name, HttpUrl endpoint, ApiKey key, JsonApiClient client) {
    this.name = name;
    this.endpoint = endpoint;
    this.key = key;
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<WebResult> search(String query, int maxResults) throws WebApiException {
    ResultParsing.checkMax(maxResults);
    return read(call(request(query, maxResults)), maxResults);
  }

  /** Sends {@code request} through the client; a backend may override to explain its failures. */
  JsonNode call(Request request) throws WebApiException {
    return client.call(name, request, key);
  }

  /** The request asking for at most {@code maxResults} results for {@code query}. */
  abstract Request request(String query, int maxResults);

  /** The results in the answer {@code root}, at most {@code maxResults}. */
  abstract List<WebResult> read(JsonNode root, int maxResults) throws WebApiException;
}
