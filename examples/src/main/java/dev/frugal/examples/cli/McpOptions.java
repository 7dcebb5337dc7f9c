package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --mcp} options of {@code ask} and {@code tools}: MCP servers whose tools join the
 * registry, what a call of each costs, caps on them and the call timeout.
 */
final class McpOptions {

  @Option(
      names = "--mcp",
      paramLabel = "NAME=COMMAND|URL",
      description =
          "add the tools of an MCP server, named NAME_TOOL: NAME=COMMAND ARGS... (stdio) or"
              + " NAME=http://HOST/PATH (streamable HTTP); repeatable")
  List<String> servers = new ArrayList<>();

  @Option(
      names = "--mcp-units",
      paramLabel = "TOOL=N",
      description = "units one call of an MCP tool costs (default 1), e.g. files_read_file=2")
  Map<String, Long> units = new LinkedHashMap<>();

  @Option(
      names = "--mcp-cap",
      paramLabel = "TOOL=N",
      description = "cap on the units of an MCP tool in a run, e.g. files_read_file=5")
  Map<String, Long> caps = new LinkedHashMap<>();

  @Option(
      names = "--mcp-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "how long one MCP tool call may take (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(
      names = "--mcp-max-tools",
      defaultValue = "" + McpConnection.DEFAULT_MAX_TOOLS,
      paramLabel = "N",
      description =
          "the most tools taken from one MCP server; a server that lists more is refused, since"
              + " every tool goes into every request (default: ${DEFAULT-VALUE})")
  int maxTools;

  @Option(
      names = "--mcp-result-chars",
      defaultValue = "" + McpConnection.DEFAULT_MAX_RESULT_CHARS,
      paramLabel = "N",
      description =
          "characters of one MCP tool result given to the model; the rest is cut and the model"
              + " told so (default: ${DEFAULT-VALUE})")
  int resultChars;

  /** The open connections; close them all with {@link Connections#close()}. */
  static final class Connections implements AutoCloseable {
    final List<McpConnection> open = new ArrayList<>();

    List<Tool> tools() {
      return open.stream().flatMap(c -> c.tools().stream()).toList();
    }

    @Override
    public void close() {
      open.forEach(McpConnection::close);
    }
  }

  /** Starts or reaches every {@code --mcp} server and lists its tools on {@code err}. */
  Connections open(PrintStream err) {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--mcp-timeout must be at least 1 second, got " + timeoutSeconds);
    }
    if (maxTools < 1) {
      throw new IllegalArgumentException("--mcp-max-tools must be 1 or more, got " + maxTools);
    }
    if (resultChars < 1) {
      throw new IllegalArgumentException(
          "--mcp-result-chars must be 1 or more characters, got " + resultChars);
    }
    if (servers.isEmpty() && !(units.isEmpty() && caps.isEmpty())) {
      throw new IllegalArgumentException(
          "--mcp-units and --mcp-cap set MCP tools, but no --mcp NAME=COMMAND server was given");
    }
    Connections c = new Connections();
    try {
      for (String s : servers) {
        McpServerSpec spec = McpServerSpec.parse(s);
        Map<String, Long> mine = new LinkedHashMap<>();
        units.forEach(
            (k, v) -> {
              if (k.startsWith(spec.name() + "_")) mine.put(k, v);
            });
        McpConnection conn =
            McpConnection.builder(spec)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .maxTools(maxTools)
                .maxResultChars(resultChars)
                .units(mine)
                .open();
        c.open.add(conn);
        err.println(
            TerminalText.line(
                "MCP server '"
                    + spec.name()
                    + "' ("
                    + conn.serverInfo()
                    + "): "
                    + conn.tools().stream().map(Tool::name).toList()));
      }
      List<String> names = c.tools().stream().map(Tool::name).toList();
      for (String k : units.keySet()) requireKnown("--mcp-units", k, names);
      for (String k : caps.keySet()) requireKnown("--mcp-cap", k, names);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e instanceof IllegalStateException
          ? new IllegalArgumentException(e.getMessage(), e)
          : e;
    }
  }

  /** Adds the {@code --mcp-cap} caps to {@code budget}. */
  void addCaps(Budget.Builder budget) {
    caps.forEach(budget::toolUnits);
  }

  /** Adds the MCP tools to {@code registry}. */
  static void addTo(ToolRegistry.Builder registry, Connections c) {
    registry.addAll(c.tools());
  }

  private static void requireKnown(String option, String tool, List<String> names) {
    if (!names.contains(tool)) {
      throw new IllegalArgumentException(
          option + " names '" + tool + "', which no --mcp server has; MCP tools: " + names);
    }
  }
}
