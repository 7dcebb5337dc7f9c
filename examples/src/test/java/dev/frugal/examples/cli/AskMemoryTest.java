package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal ask --memory}: the flag's errors in process, and page memory end to end in its own
 * process against a scripted OpenAI-compatible model, a SearxNG API and a long web page (the smoke
 * servers' page, about 20,000 characters) on 127.0.0.1.
 */
class AskMemoryTest {
  private static final String Q =
      "Who played Corliss Archer in Kiss and Tell, and what post did she hold?";

  @Test
  void anUnknownModeNamesTheValidOnes() {
    FrugalCliTest.Run run = FrugalCliTest.run("ask", "--memory", "bogus");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Invalid value for option '--memory': expected one of [auto, off, low, mid, high]");
  }

  @Test
  void aTierThatCallsAModelNeedsARealModel() {
    for (String mode : List.of("mid", "high", "auto")) {
      FrugalCliTest.Run run = FrugalCliTest.run("ask", "--memory", mode);
      assertThat(run.code()).as(mode).isEqualTo(2);
      assertThat(run.err())
          .contains("--memory " + mode + " summarises long pages with the agent's model")
          .contains("--base-url URL --model NAME")
          .contains("--memory low (rule-based, $0)");
    }
    FrugalCliTest.Run run = FrugalCliTest.run("ask", "--memory", "low", "--memory-min-chars", "0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--memory-min-chars must be at least 1 character, got 0");
  }

  @Test
  void withMemoryLowTheModelReadsASummaryOfTheLongPageNotThePage(@TempDir Path dir)
      throws Exception {
    List<String> chats = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              String base = "http://127.0.0.1:" + server.getPort();
              String path = r.getUrl().encodedPath();
              if (path.endsWith("/chat/completions")) {
                chats.add(r.getBody() == null ? "" : r.getBody().utf8());
                return ScriptedChat.json(
                    ScriptedChat.corlissArcherReply(chats.size(), base, 100, 10));
              }
              if (path.equals("/search")) {
                return ScriptedChat.json(
                    "{\"results\":[{\"url\":\""
                        + base
                        + "/wiki/Shirley_Temple\",\"title\":\"Shirley Temple\",\"content\":\"x\"}]}");
              }
              if (path.equals("/wiki/Shirley_Temple")) {
                return new MockResponse.Builder()
                    .addHeader("Content-Type", "text/html; charset=utf-8")
                    .body(
                        "<html><head><title>Shirley Temple</title></head><body>"
                            + SmokeServers.longPage()
                            + "</body></html>")
                    .build();
              }
              return new MockResponse.Builder().code(404).build();
            }
          });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      String base = "http://127.0.0.1:" + server.getPort();

      Terminal.Run run =
          Terminal.frugal(
              dir,
              Map.of("FRUGAL_API_KEY", "sk-memory-test"),
              "ask",
              Q,
              "--search-backend",
              "searxng",
              "--searxng-url",
              base,
              "--base-url",
              base + "/v1",
              "--model",
              "test-model",
              "--price-in",
              "0",
              "--price-out",
              "0",
              "--allow-address",
              "127.0.0.1",
              "--memory",
              "low");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout())
          .contains("Answer:   Chief of Protocol\n")
          .contains("Memory:   --memory low, pages over 6,000 characters kept in memory\n")
          .containsPattern(
              "  page \"Shirley Temple\": 19,\\d{3} characters summarised to [\\d,]+ at tier LOW"
                  + " \\(\\$0.000000\\)");
      // the agent's model was called three times (no model call for a LOW page) and read the
      // summary: the page's key sentence, not its forty filler paragraphs
      assertThat(chats).hasSize(3);
      String read = chats.get(2);
      assertThat(read)
          .contains("[PAGE MEMORY]")
          .contains("memory summary of page \\\"Shirley Temple\\\" at tier LOW")
          .contains("Shirley Temple played Corliss Archer in the film Kiss and Tell.");
      assertThat(read.split("Archive note", -1).length - 1).isLessThan(10);
      assertThat(read.length()).isLessThan(chats.get(1).length() + 4_000);
    }
  }
}
