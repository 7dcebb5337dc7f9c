package dev.frugal.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSearchBackendsTest {
  private static final String SECRET = "sk-test-4f9a1c";
  private final LocalServer local = new LocalServer();

  @AfterEach
  void stop() {
    local.close();
  }

  private static ApiKey key() {
    return ApiKey.fromEnvironment(Map.of("TEST_KEY", SECRET), "TEST_KEY", "test");
  }

  @Test
  void searxngSendsAJsonFormatQueryAndReadsResults() throws Exception {
    local.json(
        200,
        """
        {"query":"kiss and tell","results":[
          {"url":"https://en.wikipedia.org/wiki/Kiss_and_Tell_(1945_film)",
           "title":"Kiss and Tell (1945 film)","content":"A 1945 comedy film starring Shirley Temple"},
          {"url":"https://example.org/b","title":"Second","content":"two"},
          {"title":"no url, skipped","content":"x"},
          {"url":"https://example.org/c","title":"Third","content":"three"}]}
        """);
    SearxngBackend searx = new SearxngBackend(local.url("/searx/"), local.client());

    List<WebResult> results = searx.search("kiss and tell", 2);

    assertThat(results)
        .containsExactly(
            new WebResult(
                "Kiss and Tell (1945 film)",
                "https://en.wikipedia.org/wiki/Kiss_and_Tell_(1945_film)",
                "A 1945 comedy film starring Shirley Temple"),
            new WebResult("Second", "https://example.org/b", "two"));
    RecordedRequest req = local.server.takeRequest();
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/searx/search");
    assertThat(req.getUrl().queryParameter("q")).isEqualTo("kiss and tell");
    assertThat(req.getUrl().queryParameter("format")).isEqualTo("json");
  }

  @Test
  void searxngWithJsonOutputOffSaysHowToEnableIt() {
    local.server.enqueue(new MockResponse.Builder().code(403).body("Forbidden").build());
    SearxngBackend searx = new SearxngBackend(local.url("/"), local.client());

    assertThatThrownBy(() -> searx.search("q", 5))
        .isInstanceOf(WebApiException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("settings.yml");
  }

  @Test
  void braveSendsTheKeyInItsHeaderAndStripsHtmlFromSnippets() throws Exception {
    local.json(
        200,
        """
        {"type":"search","web":{"results":[
          {"title":"Shirley Temple - Wikipedia","url":"https://en.wikipedia.org/wiki/Shirley_Temple",
           "description":"<strong>Shirley Temple</strong> Black was an American actress &amp; diplomat"}]}}
        """);
    BraveBackend brave = new BraveBackend(local.url("/res/v1/web/search"), key(), local.client());

    List<WebResult> results = brave.search("Shirley Temple", 5);

    assertThat(results)
        .containsExactly(
            new WebResult(
                "Shirley Temple - Wikipedia",
                "https://en.wikipedia.org/wiki/Shirley_Temple",
                "Shirley Temple Black was an American actress & diplomat"));
    RecordedRequest req = local.server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/res/v1/web/search");
    assertThat(req.getUrl().queryParameter("q")).isEqualTo("Shirley Temple");
    assertThat(req.getUrl().queryParameter("count")).isEqualTo("5");
    assertThat(req.getHeaders().get("X-Subscription-Token")).isEqualTo(SECRET);
    assertThat(req.getUrl().toString()).doesNotContain(SECRET);
  }

  @Test
  void braveWithoutAWebSectionHasNoResults() throws Exception {
    local.json(200, "{\"type\":\"search\",\"query\":{\"original\":\"zzz\"}}");
    BraveBackend brave = new BraveBackend(local.url("/s"), key(), local.client());

    assertThat(brave.search("zzz", 5)).isEmpty();
  }

  @Test
  void tavilyPostsTheQueryAsJsonWithABearerKey() throws Exception {
    local.json(
        200,
        """
        {"query":"Corliss Archer","response_time":0.8,"results":[
          {"title":"Corliss Archer","url":"https://example.org/corliss","content":"A fictional teenager","score":0.9}]}
        """);
    TavilyBackend tavily = new TavilyBackend(local.url("/"), key(), local.client());

    List<WebResult> results = tavily.search("Corliss Archer", 3);

    assertThat(results)
        .containsExactly(
            new WebResult("Corliss Archer", "https://example.org/corliss", "A fictional teenager"));
    RecordedRequest req = local.server.takeRequest();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/search");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
    String body = req.getBody().utf8();
    assertThat(body)
        .contains("\"query\":\"Corliss Archer\"")
        .contains("\"max_results\":3")
        .doesNotContain(SECRET);
  }

  @Test
  void rateLimitedThenSuccessfulIsRetriedWithTheServersRetryAfter() throws Exception {
    local.server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "2")
            .body("slow down")
            .build());
    local.json(200, "{\"results\":[{\"url\":\"https://example.org\",\"title\":\"ok\"}]}");
    SearxngBackend searx = new SearxngBackend(local.url("/"), local.client());

    List<WebResult> results = searx.search("q", 5);

    assertThat(results).extracting(WebResult::title).containsExactly("ok");
    assertThat(local.server.getRequestCount()).isEqualTo(2);
    assertThat(local.waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void serverErrorsAreRetriedWithBackoffThenReportedWithTheAttemptCount() {
    for (int i = 0; i < 3; i++) local.json(503, "{\"error\":\"down\"}");
    TavilyBackend tavily = new TavilyBackend(local.url("/"), key(), local.client());

    assertThatThrownBy(() -> tavily.search("q", 5))
        .isInstanceOf(WebApiException.class)
        .hasMessageContaining("Tavily answered HTTP 503")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(local.server.getRequestCount()).isEqualTo(3);
    assertThat(local.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void aMalformedJsonBodyIsAClearErrorAndNotRetried() {
    local.json(200, "{\"results\": [ {\"url\": ");
    BraveBackend brave = new BraveBackend(local.url("/s"), key(), local.client());

    assertThatThrownBy(() -> brave.search("q", 5))
        .isInstanceOf(WebApiException.class)
        .hasMessageContaining("Brave Search sent a body that is not valid JSON")
        .hasMessageContaining("it began: {\"results\"");
    assertThat(local.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aJsonAnswerOfTheWrongShapeNamesTheMissingField() {
    local.json(200, "{\"answer\":\"42\"}");
    SearxngBackend searx = new SearxngBackend(local.url("/"), local.client());

    assertThatThrownBy(() -> searx.search("q", 5))
        .hasMessageContaining("no 'results' array")
        .hasMessageContaining("answer");
  }

  @Test
  void aServerThatNeverAnswersTimesOutOnEveryAttempt() {
    for (int i = 0; i < 3; i++) {
      local.server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    SearxngBackend searx = new SearxngBackend(local.url("/"), local.client(Duration.ofMillis(150)));

    assertThatThrownBy(() -> searx.search("q", 5))
        .isInstanceOf(WebApiException.class)
        .hasMessageContaining("did not answer within 150 ms")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(local.waits).hasSize(2);
  }

  @Test
  void theKeyNeverAppearsInErrorsEvenWhenTheServerEchoesIt() {
    local.json(401, "{\"error\":\"invalid token " + SECRET + "\"}");
    BraveBackend brave = new BraveBackend(local.url("/s"), key(), local.client());

    assertThatThrownBy(() -> brave.search("q", 5))
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("the key in TEST_KEY was refused")
        .hasMessageContaining("[redacted]")
        .message()
        .doesNotContain(SECRET);
    assertThat(key().toString()).doesNotContain(SECRET).contains("TEST_KEY");
  }

  @Test
  void aMissingKeyNamesTheVariableToSet() {
    assertThatThrownBy(() -> ApiKey.fromEnvironment(Map.of(), "BRAVE_API_KEY", "Brave Search"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set the environment variable BRAVE_API_KEY");
  }

  @Test
  void anUnreachableServerIsReportedWithoutRetrying() {
    String url = local.url("/");
    local.close();
    SearxngBackend searx = new SearxngBackend(url, local.client());

    assertThatThrownBy(() -> searx.search("q", 5))
        .isInstanceOf(WebApiException.class)
        .hasMessageContaining("SearxNG could not be reached at http://127.0.0.1:");
    assertThat(local.waits).isEmpty();
  }

  @Test
  void aBadBaseUrlSaysWhatWouldBeValid() {
    assertThatThrownBy(() -> new SearxngBackend("localhost:8888", JsonApiClient.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an http:// or https:// URL; e.g. http://localhost:8888");
  }
}
