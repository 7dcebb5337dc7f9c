package dev.frugal.mcp.client;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.UnitRule;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A live connection to one MCP server and its tools as Frugal {@link Tool}s. Close it to stop the
 * server process (stdio) or end the session (HTTP).
 *
 * <pre>{@code
 * try (McpConnection files = McpConnection.builder(McpServerSpec.parse("files=npx -y ..."))
 *         .units("files_read_file", 2)
 *         .open()) {
 *   ToolRegistry tools = ToolRegistry.builder().addAll(files.tools()).build();
 *   ...
 * }
 * }</pre>
 */
public final class McpConnection implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(McpConnection.class);

  private final McpServerSpec spec;
  private final McpSyncClient client;
  private final List<Tool> tools;
  private final java.util.concurrent.ExecutorService calls;

  private McpConnection(
      McpServerSpec spec,
      McpSyncClient client,
      List<Tool> tools,
      java.util.concurrent.ExecutorService calls) {
    this.spec = spec;
    this.client = client;
    this.tools = List.copyOf(tools);
    this.calls = calls;
  }

  public static Builder builder(McpServerSpec spec) {
    return new Builder(spec);
  }

  /** The server's tools, named {@code server_tool}, in the server's order. */
  public List<Tool> tools() {
    return tools;
  }

  public McpServerSpec spec() {
    return spec;
  }

  /** The server's name and version as it reported them. */
  public String serverInfo() {
    McpSchema.Implementation i = client.getServerInfo();
    return i == null ? "?" : i.name() + " " + i.version();
  }

  @Override
  public void close() {
    calls.shutdownNow();
    try {
      client.closeGracefully();
    } catch (RuntimeException e) {
      LOG.debug("closing MCP server '{}': {}", spec.name(), e.toString());
      client.close();
    }
  }

  /** Opens an {@link McpConnection}; each setting is checked when set. */
  public static final class Builder {
    private final McpServerSpec spec;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration startTimeout = Duration.ofSeconds(120);
    private final Map<String, Long> units = new HashMap<>();
    private final Map<String, Duration> timeouts = new HashMap<>();

    private Builder(McpServerSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** How long one tool call may take before it fails as a tool error (default 30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /**
     * How long one call of {@code tool} (its Frugal name) may take, instead of {@link #timeout}.
     */
    public Builder timeout(String tool, Duration timeout) {
      timeouts.put(Objects.requireNonNull(tool, "tool"), positive("timeout of " + tool, timeout));
      return this;
    }

    /** How long starting and initialising the server may take (default 120 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = positive("startTimeout", timeout);
      return this;
    }

    /**
     * Charges {@code unitsPerCall} units per call of {@code tool} (its Frugal name, {@code
     * server_tool}) instead of one.
     */
    public Builder units(String tool, long unitsPerCall) {
      if (unitsPerCall < 0) {
        throw new IllegalArgumentException(
            "units for '" + tool + "' must be 0 or more per call, got " + unitsPerCall);
      }
      units.put(Objects.requireNonNull(tool, "tool"), unitsPerCall);
      return this;
    }

    /** Sets the units of several tools at once (e.g. from {@code --mcp-units}). */
    public Builder units(Map<String, Long> perTool) {
      perTool.forEach(this::units);
      return this;
    }

    private static Duration positive(String setting, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(setting + " must be a positive duration, got " + d);
      }
      return d;
    }

    /**
     * Starts or reaches the server, initialises the session and lists its tools.
     *
     * @throws IllegalStateException naming the server when it cannot be started or reached, or a
     *     units setting names a tool it does not have
     */
    public McpConnection open() {
      McpSyncClient client =
          McpClient.sync(transport())
              // the SDK's own limit covers starting the server; calls have their own timeout
              .requestTimeout(timeout.compareTo(startTimeout) > 0 ? timeout : startTimeout)
              .initializationTimeout(startTimeout)
              .clientInfo(new McpSchema.Implementation("frugal", "0.1.0"))
              .build();
      List<McpSchema.Tool> listed = new ArrayList<>();
      try {
        client.initialize();
        String cursor = null;
        do {
          McpSchema.ListToolsResult page = client.listTools(cursor);
          listed.addAll(page.tools());
          cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
      } catch (RuntimeException e) {
        client.close();
        throw new IllegalStateException(
            "could not start or reach MCP server '" + spec.brief() + "': " + rootMessage(e), e);
      }
      java.util.concurrent.ExecutorService calls =
          java.util.concurrent.Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "mcp-" + spec.name());
                t.setDaemon(true);
                return t;
              });
      List<Tool> tools = new ArrayList<>();
      for (McpSchema.Tool t : listed) {
        String name = spec.name() + "_" + t.name();
        Long n = units.get(name);
        tools.add(
            new McpTool(
                client,
                spec.name(),
                t,
                n == null ? UnitRule.perCall() : UnitRule.perCall(n, null),
                timeouts.getOrDefault(name, timeout),
                calls));
      }
      List<String> names = tools.stream().map(Tool::name).toList();
      try {
        checkNamed("units", units.keySet(), names, spec.name());
        checkNamed("a timeout", timeouts.keySet(), names, spec.name());
      } catch (IllegalArgumentException e) {
        calls.shutdownNow();
        client.closeGracefully();
        throw e;
      }
      return new McpConnection(spec, client, tools, calls);
    }

    private McpClientTransport transport() {
      if (spec.transport() instanceof McpServerSpec.Transport.Stdio s) {
        requireRunnable(s.command().get(0));
        ServerParameters params =
            ServerParameters.builder(s.command().get(0))
                .args(s.command().subList(1, s.command().size()))
                .build();
        StdioClientTransport t = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        t.setStdErrorHandler(line -> LOG.debug("[{}] {}", spec.name(), line));
        return t;
      }
      McpServerSpec.Transport.StreamableHttp h =
          (McpServerSpec.Transport.StreamableHttp) spec.transport();
      return HttpClientStreamableHttpTransport.builder(h.endpoint().toString()).build();
    }

    /** Fails, naming the server's tools, when a setting names a tool the server does not have. */
    static void checkNamed(
        String setting, java.util.Set<String> named, List<String> tools, String server) {
      List<String> unknown = named.stream().filter(k -> !tools.contains(k)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            setting
                + " set for "
                + unknown
                + ", which MCP server '"
                + server
                + "' does not have; its tools: "
                + tools);
      }
    }

    /** Fails at once, naming the server, when its command is neither a program file nor on PATH. */
    private void requireRunnable(String command) {
      java.nio.file.Path p = java.nio.file.Path.of(command);
      boolean found;
      if (command.contains(java.io.File.separator)) {
        found = java.nio.file.Files.isExecutable(p);
      } else {
        String path = System.getenv().getOrDefault("PATH", "");
        found =
            java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, command)));
      }
      if (!found) {
        throw new IllegalStateException(
            "could not start MCP server '"
                + spec.brief()
                + "': '"
                + command
                + "' is not an executable file"
                + (command.contains(java.io.File.separator) ? "" : " on PATH")
                + "; give the command that starts the server, e.g. npx or a full path");
      }
    }

    private static String rootMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) t = t.getCause();
      return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
  }
}
