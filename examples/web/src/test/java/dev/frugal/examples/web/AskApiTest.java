package dev.frugal.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Both endpoints over real HTTP on 127.0.0.1, against the application as {@code frugal web} starts
 * it: the SIMULATED model over the bundled corpus, through the starter's agent.
 */
@SpringBootTest(
    classes = FrugalWebApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = WebTestSettings.LATENCY)
class AskApiTest {
  static final String QUESTION =
      "What government position was held by the woman who portrayed Corliss Archer in the film"
          + " Kiss and Tell?";

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> stream(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask/stream?" + query))
            .header("Accept", "text/event-stream")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The events of a trace as {@code ./frugal trace show} reads them from a file. */
  private static List<dev.frugal.core.trace.RunEvent> traceEvents(String jsonLines)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("web-trace", ".jsonl");
    try {
      java.nio.file.Files.writeString(file, jsonLines);
      return dev.frugal.core.trace.Traces.read(file);
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void postAnswersABundledQuestionWithinItsCap() throws Exception {
    HttpResponse<String> res =
        post("{\"question\": " + json.writeValueAsString(QUESTION) + ", \"usd\": 0.2}");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode r = json.readTree(res.body());
    assertThat(r.get("answer").asText()).isNotBlank();
    assertThat(r.get("stop").asText()).isEqualTo("answered");
    assertThat(r.get("stopReason").asText()).isEqualTo("answered");
    assertThat(r.get("runId").asText()).isNotBlank();
    assertThat(r.get("simulated").asBoolean()).isTrue();
    assertThat(r.get("model").asText()).isEqualTo("sim-large");
    double usd = r.get("usd").asDouble();
    assertThat(usd).isPositive().isLessThanOrEqualTo(0.2);
    double parts = 0;
    for (JsonNode v : r.get("usdByModel")) parts += v.asDouble();
    for (JsonNode v : r.get("usdByTool")) parts += v.asDouble();
    assertThat(parts).isCloseTo(usd, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.get("modelCalls").get("sim-large").asLong()).isPositive();
  }

  @Test
  void eachAnswerLinksToItsRunsTraceInTheFormatOfAskTrace() throws Exception {
    JsonNode r =
        json.readTree(
            post("{\"question\": " + json.writeValueAsString(QUESTION) + ", \"usd\": 0.2}").body());
    String runId = r.get("runId").asText();
    assertThat(r.get("trace").asText()).isEqualTo("/api/runs/" + runId + "/trace");
    HttpResponse<String> t =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.get("trace").asText()))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(t.statusCode()).isEqualTo(200);
    // read as ./frugal trace show reads a trace file
    List<dev.frugal.core.trace.RunEvent> events = traceEvents(t.body());
    assertThat(events.get(0)).isInstanceOf(dev.frugal.core.trace.RunEvent.RunStarted.class);
    assertThat(events).allSatisfy(e -> assertThat(e.runId()).isEqualTo(runId));
    dev.frugal.core.trace.RunEvent last = events.get(events.size() - 1);
    assertThat(last).isInstanceOf(dev.frugal.core.trace.RunEvent.RunFinished.class);
    assertThat(((dev.frugal.core.trace.RunEvent.RunFinished) last).usd())
        .isEqualTo(r.get("usd").asDouble());

    HttpResponse<String> gone =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs/nope/trace"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json.readTree(gone.body()).get("error").asText())
        .contains("no trace of run 'nope'")
        .contains("only the last 200 runs");
  }

  @Test
  void aTinyCapIsRefusedBeforeTheFirstCallAndNothingIsSpent() throws Exception {
    HttpResponse<String> res =
        post("{\"question\": " + json.writeValueAsString(QUESTION) + ", \"usd\": 0.000001}");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode r = json.readTree(res.body());
    assertThat(r.get("stop").asText()).isEqualTo("budget_exhausted");
    assertThat(r.get("refusal").asText())
        .contains("the call to model sim-large may cost")
        .contains("maxOutputTokens");
    assertThat(r.get("usd").asDouble()).isZero();
    assertThat(r.get("modelCalls").size()).isZero();
    assertThat(r.get("answer").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|the request body is empty",
        "{bad|the request body is not valid JSON",
        "[1, 2]|the request body must be a JSON object",
        "{\"usd\": 0.1}|the field 'question' is missing",
        "{\"question\": 7}|the field 'question' must be a string, got number",
        "{\"question\": \"  \"}|the question is blank",
        "{\"question\": \"Who?\", \"budget\": 1}|unknown field 'budget'; the valid fields are question and usd",
        "{\"question\": \"Who?\", \"usd\": \"cheap\"}|the field 'usd' must be a number of dollars",
        "{\"question\": \"Who?\", \"usd\": -1}|usd must be above 0 and at most 1.0 dollars, got -1.0",
        "{\"question\": \"Who?\", \"usd\": 5}|usd must be above 0 and at most 1.0 dollars, got 5.0"
      })
  void aBadBodyIs400SayingWhatIsValid(String body, String expected) throws Exception {
    HttpResponse<String> res = post(body);
    assertThat(res.statusCode()).isEqualTo(400);
    String error = json.readTree(res.body()).get("error").asText();
    assertThat(error).contains(expected);
    if (!expected.startsWith("usd must")) assertThat(error).contains("\"question\": \"TEXT\"");
  }

  @Test
  void aQuestionTheSimulatedModelDoesNotKnowIs400WithTheClosestBundledOnes() throws Exception {
    HttpResponse<String> res =
        post("{\"question\": \"Which government post did Shirley Temple hold?\"}");
    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode r = json.readTree(res.body());
    assertThat(r.get("error").asText())
        .contains("the SIMULATED model only knows the")
        .contains("bundled HotpotQA questions");
    assertThat(r.get("suggestions")).isNotEmpty();
    // each suggestion is a question the simulated model knows: asking it is answered
    String suggested = r.get("suggestions").get(0).asText();
    HttpResponse<String> again =
        post("{\"question\": " + json.writeValueAsString(suggested) + ", \"usd\": 0.2}");
    assertThat(again.statusCode()).isEqualTo(200);
  }

  /** One server-sent event. */
  record Sse(String name, JsonNode data) {}

  private List<Sse> events(String body) throws Exception {
    List<Sse> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) name = line.substring(6).strip();
        else if (line.startsWith("data:")) data.append(line.substring(5));
      }
      if (name != null) out.add(new Sse(name, json.readTree(data.toString())));
    }
    return out;
  }

  @Test
  void theStreamSendsProgressMoneyReservedAndSettledTheAnswerAndTheResult() throws Exception {
    HttpResponse<String> res = stream("question=" + encoded(QUESTION) + "&usd=0.2");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    List<Sse> ev = events(res.body());
    List<String> names = ev.stream().map(Sse::name).toList();
    assertThat(names.get(0)).isEqualTo("start");
    assertThat(names.get(names.size() - 1)).isEqualTo("result");
    assertThat(names)
        .contains("run_started", "model_call", "tool_started", "tool_finished", "token");

    JsonNode result = ev.get(ev.size() - 1).data();
    assertThat(result.get("stop").asText()).isEqualTo("answered");
    StringBuilder tokens = new StringBuilder();
    double lastUsed = 0;
    boolean sawReserved = false;
    for (Sse e : ev) {
      if (e.name().equals("token")) tokens.append(e.data().get("text").asText());
      if (e.name().equals("budget")) {
        double used = e.data().get("usedUsd").asDouble();
        double reserved = e.data().get("reservedUsd").asDouble();
        assertThat(used).as("settled money never goes down").isGreaterThanOrEqualTo(lastUsed);
        assertThat(used + reserved).as("never beyond the cap").isLessThanOrEqualTo(0.2);
        assertThat(e.data().get("capUsd").asDouble()).isEqualTo(0.2);
        lastUsed = used;
        sawReserved |= reserved > 0;
      }
    }
    assertThat(tokens.toString().strip()).isEqualTo(result.get("answer").asText());
    assertThat(sawReserved).as("a budget event showed money held by a call in flight").isTrue();
    assertThat(lastUsed).isEqualTo(result.get("usd").asDouble());
    // each tool call is reserved before it runs: its tool_started comes before its tool_finished
    int started = names.indexOf("tool_started");
    assertThat(started).isLessThan(names.indexOf("tool_finished"));
    double settled = 0;
    for (Sse e : ev) {
      if (e.name().equals("model_call") || e.name().equals("tool_finished")) {
        settled += e.data().get("usd").asDouble();
      }
    }
    assertThat(settled)
        .isCloseTo(result.get("usd").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aStreamWithABadQuestionOrCapIs400BeforeAnyEvent() throws Exception {
    HttpResponse<String> missing = stream("usd=0.1");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json.readTree(missing.body()).get("error").asText())
        .contains("the parameter 'question' is missing");
    HttpResponse<String> cap = stream("question=" + encoded(QUESTION) + "&usd=lots");
    assertThat(cap.statusCode()).isEqualTo(400);
    assertThat(json.readTree(cap.body()).get("error").asText())
        .contains("the parameter 'usd' must be a number of dollars above 0");
  }

  @Test
  void aStreamUnderATinyCapEndsRefusedWithNothingSpent() throws Exception {
    HttpResponse<String> res = stream("question=" + encoded(QUESTION) + "&usd=0.000001");
    List<Sse> ev = events(res.body());
    JsonNode result = ev.get(ev.size() - 1).data();
    assertThat(ev.get(ev.size() - 1).name()).isEqualTo("result");
    assertThat(result.get("stop").asText()).isEqualTo("budget_exhausted");
    assertThat(result.get("usd").asDouble()).isZero();
    assertThat(ev.stream().map(Sse::name)).contains("refused").doesNotContain("model_call");
  }

  @Test
  void aBrowserThatGoesAwayCancelsItsRunSoNothingMoreIsSpent() throws Exception {
    HttpResponse<java.io.InputStream> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/ask/stream?question="
                            + encoded(QUESTION)
                            + "&usd=0.2"))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    String runId = null;
    try (java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String event = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("event:")) event = line.substring(6).strip();
        if (line.startsWith("data:") && "run_started".equals(event)) {
          runId = json.readTree(line.substring(5)).get("runId").asText();
        }
        // the first model call is paid; then the reader goes away
        if (line.startsWith("data:") && "model_call".equals(event)) break;
      }
    } // closing the body ends the exchange: the server's next event cannot be sent
    assertThat(runId).isNotNull();
    URI trace = URI.create("http://127.0.0.1:" + port + "/api/runs/" + runId + "/trace");
    HttpResponse<String> t = null;
    for (int i = 0; i < 600; i++) { // the trace is kept when the run has ended
      t =
          http.send(
              HttpRequest.newBuilder(trace).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (t.statusCode() == 200) break;
      Thread.sleep(50);
    }
    assertThat(t.statusCode()).isEqualTo(200);
    List<dev.frugal.core.trace.RunEvent> events = traceEvents(t.body());
    var finished = (dev.frugal.core.trace.RunEvent.RunFinished) events.get(events.size() - 1);
    assertThat(finished.stopReason()).isEqualTo("cancelled");
    // the same question read to its end makes more model calls than the abandoned run
    List<Sse> whole = events(stream("question=" + encoded(QUESTION) + "&usd=0.2").body());
    long calls =
        events.stream()
            .filter(e -> e instanceof dev.frugal.core.trace.RunEvent.ModelCalled)
            .count();
    assertThat(whole.stream().filter(e -> e.name().equals("model_call")).count())
        .isGreaterThan(calls);
  }
}
