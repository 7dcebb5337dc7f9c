package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.PriceTable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code ./frugal ask} and {@code bench} price a real model, run as users run them (the
 * launcher's classpath, in a process of its own), against a local server on 127.0.0.1 that answers
 * every request with 404: no test here may reach the model.
 */
class AskPricesTest {
  private static final String Q = "Who played Corliss Archer in Kiss and Tell?";
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return new MockResponse.Builder().code(404).build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Terminal.Run ask(String model, String... more) {
    String base = "http://127.0.0.1:" + server.getPort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "ask",
                Q,
                "--base-url",
                base + "/v1",
                "--model",
                model,
                "--search-backend",
                "searxng",
                "--searxng-url",
                base));
    args.addAll(List.of(more));
    return Terminal.frugal(
        dir, Map.of("FRUGAL_API_KEY", "sk-prices-test"), args.toArray(String[]::new));
  }

  @Test
  void aRealModelWithoutAPriceAndNotInTheCatalogIsBadInputNamingBothFlags() {
    Terminal.Run run = ask("test-model", "--usd", "0.0000001");
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("frugal: no price for model 'test-model': give --price-in and --price-out")
        .contains("--price-in 0 --price-out 0")
        .contains("./frugal prices");
    assertThat(run.stdout()).doesNotContain("Answer:");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void oneFlagWithoutTheOtherNamesTheMissingOne() {
    Terminal.Run run = ask("test-model", "--price-in", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("no price for model 'test-model': give --price-out (");
  }

  @Test
  void benchRefusesAnUnpricedRealModelToo() {
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", "sk-prices-test"),
            "bench",
            "--base-url",
            "http://127.0.0.1:" + server.getPort() + "/v1",
            "--model",
            "test-model",
            "--out",
            dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(2);
    assertThat(run.stderr()).contains("give --price-in and --price-out");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCatalogModelIsPricedFromTheCatalogSaysSoAndATinyCapSaysWhatTheCallWouldCost() {
    Terminal.Run run = ask("gpt-4o-mini", "--usd", "0.00005");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains(
            "pricing gpt-4o-mini from the bundled price catalog: $0.15 input, $0.075 cached"
                + " input, $0.6 output per 1M tokens (https://platform.openai.com/docs/pricing,"
                + " taken 20");
    assertThat(run.stdout())
        .contains("Stopped:  budget exhausted: USD (a call was refused, see below) after ")
        .containsPattern(
            "\nRefused:  the call to model gpt-4o-mini may cost \\$0\\.000[67]\\d+ but only"
                + " \\$0\\.000045 of \\$0\\.000045 \\(USD\\) remains: about [\\d,]+ input tokens"
                + " \\(estimated\\) plus a reservation of 1,024 output tokens"
                + " \\(maxOutputTokens\\)\n")
        .contains("Cost:     $0.000000\n");
    assertThat(server.getRequestCount()).isZero(); // refused before anything was sent
  }

  @Test
  void jsonCarriesTheRefusalAndFlagsOverrideTheCatalog() throws Exception {
    Terminal.Run run =
        ask("gpt-4o-mini", "--usd", "0.00005", "--price-in", "1", "--price-out", "2", "--json");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).doesNotContain("bundled price catalog");
    JsonNode json = new ObjectMapper().readTree(run.stdout());
    JsonNode refusal = json.get("refusal");
    assertThat(refusal.get("cap").asText()).isEqualTo("USD");
    assertThat(refusal.get("call").asText()).isEqualTo("model gpt-4o-mini");
    assertThat(refusal.get("maxOutputTokensReserved").asLong()).isEqualTo(1024);
    long in = refusal.get("inputTokensEstimated").asLong();
    assertThat(in).isPositive();
    // $1 per 1M input and $2 per 1M output tokens, from the flags, not the catalog's $0.15 / $0.60
    assertThat(refusal.get("estimateUsd").decimalValue())
        .isEqualByComparingTo(java.math.BigDecimal.valueOf(in * 1 + 1024 * 2).movePointLeft(6));
    assertThat(refusal.get("remainingUsd").decimalValue())
        .isEqualByComparingTo(new java.math.BigDecimal("0.000045"));
    assertThat(refusal.get("message").asText()).contains("reservation of 1,024 output tokens");
    assertThat(json.get("stopReason").asText()).startsWith("budget exhausted: USD (the call");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pricesListsTheCatalogAsATable() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "prices");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .containsPattern("\nmodel +provider +input +cached +output +date +source\n")
        .containsPattern(
            "\ngpt-4o-mini +openai +0\\.15 +0\\.075 +0\\.6 +\\d{4}-\\d\\d-\\d\\d"
                + " +https://platform\\.openai\\.com/docs/pricing\n")
        .containsPattern("\nclaude-haiku-4-5 +anthropic ")
        .containsPattern("\ngemini-2\\.5-flash +google ")
        .containsPattern("\nmistral-medium-2505 +mistral ")
        .contains("\n" + PriceTable.catalog().entries().size() + " models\n");
  }
}
