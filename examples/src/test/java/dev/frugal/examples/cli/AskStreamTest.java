package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./frugal ask --stream}, run as a separate process the way users run it, against a local
 * OpenAI-compatible server on 127.0.0.1 that streams its reply as server-sent events.
 */
class AskStreamTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finish
        + "}]}\n\n";
  }

  @Test
  void theAnswerIsStreamedToStdoutAndTheCostFollows() throws Exception {
    String body =
        chunk("{\"role\":\"assistant\",\"content\":\"Found it. <answer>Shirley\"}", "null")
            + chunk("{\"content\":\" Temple</answer>\"}", "null")
            + chunk("{}", "\"stop\"")
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"test-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":100,"
            + "\"completion_tokens\":9,\"total_tokens\":109}}\n\n"
            + "data: [DONE]\n\n";
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/event-stream")
            .body(body)
            .build());

    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of("FRUGAL_API_KEY", "sk-stream-test"),
            "ask",
            "Who played Corliss Archer in Kiss and Tell?",
            "--stream",
            "--base-url",
            "http://127.0.0.1:" + server.getPort() + "/v1",
            "--model",
            "test-model",
            "--price-in",
            "1",
            "--price-out",
            "4");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("Question: Who played Corliss Archer in Kiss and Tell?\n")
        .contains("Answer:   Shirley Temple\n")
        .contains("Stopped:  answered")
        // 100 input tokens at $1/M and 9 output tokens at $4/M, as the stream reported them
        .contains("Cost:     $0.000136");
    JsonNode sent = new ObjectMapper().readTree(server.takeRequest().getBody().utf8());
    assertThat(sent.get("stream").asBoolean()).isTrue();
    assertThat(sent.get("model").asText()).isEqualTo("test-model");
  }

  @Test
  void streamAndJsonTogetherAreAClearError() {
    FrugalCliTest.Run run = FrugalCliTest.run("ask", "--stream", "--json");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--stream").contains("--json").contains("use one of them");
  }
}
