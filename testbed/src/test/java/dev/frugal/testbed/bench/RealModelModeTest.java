package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.tools.dataset.Question;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's real-model mode against an OpenAI-compatible server on 127.0.0.1 that answers the
 * first question right and the second wrong: the sweep runs through LangChain4j's OpenAiChatModel
 * and scores what the server said.
 */
class RealModelModeTest {
  @TempDir Path out;

  @Test
  void aSweepAgainstAnOpenAiCompatibleServerScoresItsAnswers() throws Exception {
    List<Question> qs = Testbed.load(Testbed.BUNDLED).questions().subList(0, 2);
    ObjectMapper json = new ObjectMapper();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body = request.getBody().utf8();
              String answer =
                  body.contains(qs.get(0).text()) ? qs.get(0).answers().get(0) : "Atlantis";
              try {
                String content = json.writeValueAsString("<answer>" + answer + "</answer>");
                return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .body(
                        "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                            + content
                            + "},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":10,\"total_tokens\":1010}}")
                    .build();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      ModelSource real =
          ModelSources.openAiCompatible(
              server.url("/v1/").toString(), "m", ModelPrice.of(1.0, 2.0), "test-key");
      BenchConfig config =
          new BenchConfig(
              List.of(Testbed.BUNDLED),
              List.of(),
              List.of("react"),
              List.of(5),
              List.of(real),
              1,
              2,
              1,
              10,
              out);
      BenchHarness.Outcome o =
          new BenchHarness(config, new PrintStream(new ByteArrayOutputStream())).run();

      assertThat(server.getRequestCount()).isEqualTo(2);
      ResultRow row = o.rows().get(0);
      assertThat(row.simulated()).isFalse();
      assertThat(row.em()).isEqualTo(0.5);
      // each episode: one call of 1,000 input and 10 output tokens at $1 / $2 per million
      assertThat(row.usd()).isCloseTo(0.00102, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(BenchReport.markdown("test", o)).doesNotContain("(sim)");
    }
  }
}
