package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal mcp serve}, and {@code --mcp} of {@code tools} and {@code ask}, as run from a
 * shell.
 */
@Timeout(300)
class McpCliTest {
  @TempDir Path dir;

  /** The command that starts {@code frugal mcp serve} with this JVM's java and classpath. */
  static List<String> serveCommand(String... options) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FrugalCli.class.getName()));
    cmd.addAll(List.of("mcp", "serve"));
    cmd.addAll(List.of(options));
    return cmd;
  }

  static String quoted(List<String> cmd) {
    return String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList());
  }

  @Test
  void mcpServeGivesEachClientSessionItsBudgetAndReportsWhatIsLeft() throws Exception {
    McpServerSpec self =
        new McpServerSpec("self", new McpServerSpec.Transport.Stdio(serveCommand("--search", "1")));
    try (McpConnection c =
        McpConnection.builder(self).startTimeout(java.time.Duration.ofSeconds(240)).open()) {
      assertThat(c.serverInfo()).startsWith("frugal ");
      Tool search =
          c.tools().stream().filter(t -> t.name().equals("self_search")).findFirst().orElseThrow();
      assertThat(search.specification().description())
          .contains("Budgeted: 1 Query unit per element");
      ToolCall call =
          new ToolCall(
              "1",
              "self_search",
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree("{\"queries\": [\"Corliss Archer\"]}"));
      ToolResult first = search.execute(call);
      assertThat(first.error()).isFalse();
      assertThat(first.text())
          .contains("Corliss Archer")
          .contains("Remaining this session: open 10 of 10 units, search 0 of 1 units.")
          .contains("<budget>");
      ToolResult second = search.execute(call);
      assertThat(second.error()).isTrue();
      assertThat(second.text())
          .contains("tool units of 'search'")
          .contains("The call was not made");
    }
  }

  @Test
  void toolsListsAnMcpServersToolsWithTheirSchemaAndCharge() {
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of(),
            "tools",
            "--mcp",
            "self=" + quoted(serveCommand()),
            "--mcp-units",
            "self_open=3");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("MCP server self=")
        .contains("  self_search")
        .contains("[MCP server 'self']")
        .contains("parameters: {\"queries\"")
        .contains("charged:    3 units per call");
  }

  @Test
  void askConnectsTheMcpServersAndNamesTheirTools() {
    Terminal.Run run =
        Terminal.frugal(
            dir,
            Map.of(),
            "ask",
            AskCommand.EXAMPLE,
            "--json",
            "--mcp",
            "self=" + quoted(serveCommand()),
            "--mcp-cap",
            "self_search=2");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("MCP server 'self' (frugal 0.1.0): [self_open, self_search]");
    assertThat(run.stdout()).contains("\"answer\"");
  }

  @Test
  void mcpSettingsWithoutAServerOrForAnUnknownToolSayWhatIsWrong() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "tools", "--mcp-units", "files_read=2");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("no --mcp NAME=COMMAND server was given");
    Terminal.Run bad = Terminal.frugal(dir, Map.of(), "ask", "--mcp", "files");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--mcp expects NAME=COMMAND ARGS... or NAME=URL");
  }
}
