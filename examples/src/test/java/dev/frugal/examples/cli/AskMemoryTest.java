package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/**
 * {@code frugal ask --memory}: the flag's errors in process, and page memory end to end in its own
 * process against a scripted OpenAI-compatible model, a SearxNG API and a long web page (the smoke
 * servers' page, about 20,000 characters) on 127.0.0.1.
 */
class AskMemoryTest {
  private static final String Q =
      "Who played Corliss Archer in Kiss and Tell, and what post did she hold?";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int frugal(String... args) {
    CommandLine cl = FrugalCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void anUnknownModeNamesTheValidOnes() {
    assertThat(frugal("ask", "--memory", "bogus")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--memory': expected one of [auto, off, low, mid, high]");
  }

  @Test
  void aTierThatCallsAModelNeedsARealModel() {
    for (String mode : List.of("mid", "high", "auto")) {
      assertThat(frugal("ask", "--memory", mode)).as(mode).isEqualTo(2);
      assertThat(err.toString())
          .contains("--memory " + mode + " summarises long pages with the agent's model")
          .contains("--base-url URL --model NAME")
          .contains("--memory low (rule-based, $0)");
    }
    assertThat(frugal("ask", "--memory", "low", "--memory-min-chars", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--memory-min-chars must be at least 1 character, got 0");
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
                return json(reply(chats.size(), base));
              }
              if (path.equals("/search")) {
                return json(
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

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String reply(int n, String base) {
    String message =
        switch (n) {
          case 1 -> toolCall("search", "{\\\"queries\\\":[\\\"Corliss Archer actress\\\"]}");
          case 2 -> toolCall("open", "{\\\"urls\\\":[\\\"" + base + "/wiki/Shirley_Temple\\\"]}");
          default -> "{\"role\":\"assistant\",\"content\":\"<answer>Chief of Protocol</answer>\"}";
        };
    return "{\"id\":\"c"
        + n
        + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\","
        + "\"choices\":[{\"index\":0,\"message\":"
        + message
        + ",\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}}";
  }

  private static String toolCall(String name, String escapedArgs) {
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_"
        + name
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":\""
        + escapedArgs
        + "\"}}]}";
  }
}
