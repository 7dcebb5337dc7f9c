package dev.frugal.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jsoup.Jsoup;

/**
 * Builds the backends' JSON requests and reads result arrays out of their answers; shared by the
 * three backends.
 */
final class ResultParsing {
  private ResultParsing() {}

  /**
   * The entries of {@code array} as results, reading the title, URL and snippet from the named
   * fields. Entries without a URL are skipped; snippets may contain HTML (Brave marks matches with
   * {@code <strong>}) and are reduced to plain text.
   */
  static List<WebResult> results(
      JsonNode array, String titleField, String urlField, String snippetField, int max) {
    List<WebResult> out = new ArrayList<>();
    if (array == null || !array.isArray()) return out;
    for (JsonNode n : array) {
      if (out.size() >= max) break;
      String url = text(n, urlField);
      if (url.isBlank()) continue;
      out.add(new WebResult(plain(text(n, titleField)), url, plain(text(n, snippetField))));
    }
    return out;
  }

  /**
   * The {@code results} array of {@code root} as results, reading {@code title}, {@code url} and
   * {@code snippetField}; fails naming {@code service} when {@code root} has no such array.
   */
  static List<WebResult> resultsOf(String service, JsonNode root, String snippetField, int max)
      throws WebApiException {
    return results(requireArray(service, root, "results"), "title", "url", snippetField, max);
  }

  /** A request to {@code url} that asks for JSON; the caller adds any key header and the body. */
  static Request.Builder jsonRequest(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json");
  }

  /** Fails with a message naming the service when {@code root} lacks the array {@code field}. */
  static JsonNode requireArray(String service, JsonNode root, String field) throws WebApiException {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray()) {
      throw new WebApiException(
          service
              + "'s answer has no '"
              + field
              + "' array (top-level fields: "
              + fieldNames(root)
              + "); is the URL the right endpoint?");
    }
    return a;
  }

  /** Parses a base URL given by a user, with an error saying what would be valid. */
  static HttpUrl baseUrl(String url, String what, String example) {
    HttpUrl u = url == null ? null : HttpUrl.parse(url.strip());
    if (u == null) {
      throw new IllegalArgumentException(
          what + " '" + url + "' is not an http:// or https:// URL; e.g. " + example);
    }
    return u;
  }

  /** {@code base} with {@code segments} appended to its path (a trailing slash is ignored). */
  static HttpUrl.Builder under(HttpUrl base, String segments) {
    HttpUrl.Builder b = base.newBuilder();
    List<String> path = new ArrayList<>(base.pathSegments());
    while (!path.isEmpty() && path.get(path.size() - 1).isEmpty()) path.remove(path.size() - 1);
    b.encodedPath("/");
    for (String p : path) b.addPathSegment(p);
    b.addPathSegments(segments);
    return b;
  }

  static void checkMax(int maxResults) {
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static String plain(String html) {
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) return html.strip();
    return Jsoup.parseBodyFragment(html).text();
  }

  private static String fieldNames(JsonNode root) {
    if (!root.isObject()) return "none, it is not a JSON object";
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
