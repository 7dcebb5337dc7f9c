package dev.frugal.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.serve.SimServer;
import dev.frugal.testbed.sim.SimWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code frugal web} with the real-model flags of {@code ask}: the app talks to an
 * OpenAI-compatible server over HTTP through the starter's own {@code ChatModel}. The server here
 * is the testbed's {@link SimServer} on 127.0.0.1, which serves the SIMULATED models (not language
 * models) on the chat-completions protocol, so the whole real-model path runs offline.
 */
class RealModelFlagsTest {

  @Test
  void theRealModelFlagsAnswerThroughAnOpenAiCompatibleServerAtTheGivenPrices() throws Exception {
    try (Testbed bed = Testbed.open(Testbed.BUNDLED, java.util.List.of());
        SimServer server = SimServer.start(new SimWorld(bed.dataset()), 0, 0)) {
      WebOptions options =
          WebOptions.parse(
              new String[] {
                "--port", "0",
                "--base-url", server.baseUrl(),
                "--model", "sim-large",
                "--price-in", "2.5",
                "--price-out", "10"
              });
      try (ConfigurableApplicationContext ctx = FrugalWebApp.start(options)) {
        int port = ((ServletWebServerApplicationContext) ctx).getWebServer().getPort();
        HttpResponse<String> res =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"question\": \"" + AskApiTest.QUESTION + "\", \"usd\": 0.2}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode r = new ObjectMapper().readTree(res.body());
        assertThat(r.get("simulated").asBoolean()).as("not the in-process simulation").isFalse();
        assertThat(r.get("stop").asText()).isEqualTo("answered");
        assertThat(r.get("answer").asText()).isNotBlank();
        long calls = r.get("modelCalls").get("sim-large").asLong();
        assertThat(server.answered()).as("every model call went over HTTP").isEqualTo(calls);
        // priced by the flags: $2.5 / $10 per million tokens, and the tools at $0.001 a unit
        double expected =
            r.get("inputTokens").asLong() * 2.5e-6 + r.get("outputTokens").asLong() * 10e-6;
        assertThat(r.get("usdByModel").get("sim-large").asDouble())
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get("usdByTool").get("search").asDouble())
            .isEqualTo(r.get("toolUnits").get("search").asLong() * 0.001);
      }
    }
  }
}
