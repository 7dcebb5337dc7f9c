package dev.frugal.tools.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebOpenToolTest {
  private final MockWebServer server = new MockWebServer();
  private WebOpenTool tool;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    tool =
        new WebOpenTool(
            PageFetcher.builder()
                .addressPolicy(AddressPolicy.builder().allow("127.0.0.1").build())
                .maxChars(40)
                .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private ToolCall call(String... urls) {
    var args = new ObjectMapper().createObjectNode();
    var arr = args.putArray("urls");
    for (String u : urls) arr.add(u);
    return new ToolCall("c", "open", args);
  }

  @Test
  void eachUrlCostsOneUnitAndFailuresShowInTheirBlock() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/html")
            .body("<title>Page A</title><p>" + "word ".repeat(20) + "</p>")
            .build());
    ToolCall c = call(url("/a"), "http://10.0.0.1/");

    ToolResult r = tool.execute(c);

    assertThat(tool.unitRule().units(c.arguments())).isEqualTo(2);
    assertThat(tool.unitRule().unitLabel()).isEqualTo("URL");
    assertThat(r.error()).isFalse();
    assertThat(r.text())
        .startsWith("[1] Page A\nURL: " + url("/a") + "\nword word")
        .contains("[cut: showing the first 40 of 99 characters]")
        .contains("[2] http://10.0.0.1/\nERROR: 10.0.0.1 is a private (RFC 1918) address");
  }

  @Test
  void whenEveryUrlFailsTheCallIsAToolError() {
    ToolResult r = tool.execute(call("file:///etc/passwd"));

    assertThat(r.error()).isTrue();
    assertThat(r.text()).contains("the scheme 'file' is refused");
  }
}
