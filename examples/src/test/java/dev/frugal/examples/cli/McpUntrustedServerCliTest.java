package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools --mcp} and {@code ask --mcp}, run as from a shell, against a faulty MCP server (the
 * mcp module's {@code MisbehavingMcpServer.java}, run with {@code java FILE.java MODE}): what the
 * server says reaches the terminal escaped, and a server with too many tools is refused clearly.
 */
@Timeout(300)
class McpUntrustedServerCliTest {
  @TempDir Path dir;

  static String fake(String... modeAndArgs) {
    Path source =
        Path.of(
                "..",
                "mcp",
                "src",
                "test",
                "resources",
                "fake-servers",
                "MisbehavingMcpServer.java")
            .toAbsolutePath()
            .normalize();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "f=" + java + " " + source + " " + String.join(" ", modeAndArgs);
  }

  @Test
  void toolsPrintsWhatAnMcpServerSaysWithControlCharactersEscaped() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "tools", "--mcp", fake("escapes"));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("f_echo").contains("Echoes\\u001b]0;owned\\u0007 text");
    assertThat(run.stdout()).contains("fake\\u001b[31mRED 1\\u0007");
    assertThat(run.stdout()).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(run.stderr()).contains("MCP server 'f' (fake\\u001b[31mRED 1\\u0007)");
    assertThat(run.stderr()).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void askPrintsTheMcpServerLineEscaped() {
    Terminal.Run run =
        Terminal.frugal(dir, Map.of(), "ask", AskCommand.EXAMPLE, "--mcp", fake("escapes"));
    assertThat(run.stderr()).contains("MCP server 'f' (fake\\u001b[31mRED 1\\u0007): [f_echo]");
    assertThat(run.stderr()).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void aServerWithMoreToolsThanTheLimitIsRefusedNamingTheOption() {
    Terminal.Run run =
        Terminal.frugal(
            dir, Map.of(), "tools", "--mcp", fake("tools", "300"), "--mcp-max-tools", "100");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("MCP server 'f=")
        .contains("more than 100 tools")
        .contains("--mcp-max-tools");
    Terminal.Run zero =
        Terminal.frugal(dir, Map.of(), "tools", "--mcp", fake("escapes"), "--mcp-max-tools", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.stderr()).contains("--mcp-max-tools must be 1 or more, got 0");
  }

  @Test
  void aServerThatDiesAtStartIsNamedWithItsExitCode() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "tools", "--mcp", fake("die-at-start"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("MCP server 'f=")
        .contains("exit code 3")
        .contains("missing configuration");
  }
}
