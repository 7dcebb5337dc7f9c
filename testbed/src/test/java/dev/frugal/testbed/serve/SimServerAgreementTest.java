package dev.frugal.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.testbed.bench.BenchConfig;
import dev.frugal.testbed.bench.BenchHarness;
import dev.frugal.testbed.bench.ModelSource;
import dev.frugal.testbed.bench.ModelSources;
import dev.frugal.testbed.bench.ResultRow;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimProfile;
import dev.frugal.testbed.sim.SimWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated models through the real-model path agree with the in-process sweep: same seed, same
 * EM and cost, with every request going over HTTP through LangChain4j's OpenAI client.
 */
class SimServerAgreementTest {
  @TempDir Path out;

  private static BenchConfig config(ModelSource m, Path out, List<String> strategies) {
    return new BenchConfig(
        List.of(Testbed.BUNDLED), List.of(), strategies, List.of(10), List.of(m), 1, 8, 1, 30, out);
  }

  @Test
  void aSweepOverHttpAgreesWithTheInProcessSweep() throws Exception {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    List<String> strategies = List.of("react", "react+tracker");
    try (SimServer server = SimServer.start(world, 0, 0)) {
      ModelSource http =
          ModelSources.openAiCompatible(
              server.baseUrl(), "sim-large", SimProfile.large().pricing().price(), "test-key");
      ModelSource inProcess = ModelSources.simulated("sim-large", world, false);
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

      List<ResultRow> viaHttp =
          new BenchHarness(config(http, out.resolve("http"), strategies), quiet).run().rows();
      List<ResultRow> direct =
          new BenchHarness(config(inProcess, out.resolve("direct"), strategies), quiet)
              .run()
              .rows();

      assertThat(viaHttp).hasSize(2);
      assertThat(server.answered()).as("requests that went over HTTP").isGreaterThan(16);
      assertThat(viaHttp).anyMatch(r -> r.em() > 0);
      for (int i = 0; i < viaHttp.size(); i++) {
        ResultRow a = viaHttp.get(i);
        ResultRow b = direct.get(i);
        assertThat(a.strategy()).isEqualTo(b.strategy());
        assertThat(a.em()).as(a.strategy() + " EM").isEqualTo(b.em());
        assertThat(a.f1()).as(a.strategy() + " F1").isEqualTo(b.f1());
        assertThat(a.usd()).as(a.strategy() + " cost").isCloseTo(b.usd(), Offset.offset(1e-12));
        assertThat(a.simulated()).isFalse();
      }
    }
  }

  @Test
  void anUnknownModelIsAClearError() throws Exception {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    try (SimServer server = SimServer.start(world, 0, 0)) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("unknown model 'gpt-4o'").contains("sim-small");
    }
    assertThatThrownBy(() -> SimProfile.resource("sim-medium")).hasMessageContaining("sim-small");
  }
}
