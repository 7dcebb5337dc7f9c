package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MCP client against small faulty servers ({@code MisbehavingMcpServer.java} in the test
 * resources, run as a real process with {@code java FILE.java MODE}): junk lines are skipped, a
 * server that ends is reported at once with its exit code and stderr, listing is bounded, and too
 * many tools or too long a result are capped.
 */
@Timeout(180)
class MisbehavingServerTest {
  static McpServerSpec fake(String name, String... modeAndArgs) throws Exception {
    Path source =
        Path.of(
            MisbehavingServerTest.class
                .getResource("/fake-servers/MisbehavingMcpServer.java")
                .toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", source.toString()));
    cmd.addAll(List.of(modeAndArgs));
    return new McpServerSpec(name, new McpServerSpec.Transport.Stdio(cmd));
  }

  static ToolCall echo() throws Exception {
    return new ToolCall("1", "f_echo", new ObjectMapper().readTree("{\"text\": \"hi\"}"));
  }

  @Test
  void junkLinesFromTheServerAreSkippedAndCallsStillWork() throws Exception {
    try (McpConnection c =
        McpConnection.builder(fake("f", "junk"))
            .startTimeout(Duration.ofSeconds(60))
            .timeout(Duration.ofSeconds(60))
            .open()) {
      Tool t = c.tools().get(0);
      ToolResult first = t.execute(echo());
      ToolResult second = t.execute(echo());
      assertThat(first.text()).isEqualTo("echo");
      assertThat(second.text()).isEqualTo("echo");
    }
  }

  @Test
  void aServerThatDiesAtStartIsReportedWithItsExitCodeAndStderr() throws Exception {
    McpServerSpec spec = fake("f", "die-at-start");
    assertThatThrownBy(
            () -> McpConnection.builder(spec).startTimeout(Duration.ofSeconds(100)).open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCP server 'f")
        .hasMessageContaining("exit code 3")
        .hasMessageContaining("missing configuration, giving up");
  }

  @Test
  void aServerThatDiesDuringACallIsReportedAndLaterCallsFailAtOnce() throws Exception {
    try (McpConnection c =
        McpConnection.builder(fake("f", "die-on-call"))
            .startTimeout(Duration.ofSeconds(60))
            .timeout(Duration.ofSeconds(100))
            .open()) {
      Tool t = c.tools().get(0);
      assertThatThrownBy(() -> t.execute(echo()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MCP server 'f' ended with exit code 4")
          .hasMessageContaining("crashed while calling");
      assertThatThrownBy(() -> t.execute(echo()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exit code 4");
    }
  }

  @Test
  void aToolListThatNeverEndsIsCutOffAfterABoundedNumberOfPages() throws Exception {
    McpServerSpec spec = fake("f", "cursor-loop");
    assertThatThrownBy(
            () -> McpConnection.builder(spec).startTimeout(Duration.ofSeconds(100)).open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCP server 'f")
        .hasMessageContaining("beyond " + McpConnection.MAX_LIST_PAGES + " pages");
  }

  @Test
  void aServerWithTooManyToolsIsRefusedWithTheLimitNamed() throws Exception {
    McpServerSpec spec = fake("f", "tools", "300");
    assertThatThrownBy(
            () ->
                McpConnection.builder(spec)
                    .startTimeout(Duration.ofSeconds(60))
                    .maxTools(100)
                    .open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCP server 'f")
        .hasMessageContaining("more than 100 tools")
        .hasMessageContaining("--mcp-max-tools");
  }

  @Test
  void aLongResultIsCutAndSaysSo() throws Exception {
    try (McpConnection c =
        McpConnection.builder(fake("f", "big-result", "500000"))
            .startTimeout(Duration.ofSeconds(60))
            .maxResultChars(1000)
            .open()) {
      ToolResult r = c.tools().get(0).execute(echo());
      assertThat(r.text()).startsWith("x".repeat(1000) + "\n[result cut");
      assertThat(r.text()).contains("of its 500000 characters").hasSizeLessThan(1200);
    }
  }
}
