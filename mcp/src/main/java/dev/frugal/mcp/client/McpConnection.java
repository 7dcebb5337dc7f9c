package dev.frugal.mcp.client;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.UnitRule;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
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

  /** The most tools taken from one server unless {@link Builder#maxTools} says otherwise. */
  public static final int DEFAULT_MAX_TOOLS = 128;

  /** Characters of one tool result kept unless {@link Builder#maxResultChars} says otherwise. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 150_000;

  /** The most pages of a server's tool list read before listing stops. */
  public static final int MAX_LIST_PAGES = 100;

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
    private int maxTools = DEFAULT_MAX_TOOLS;
    private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;

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

    /**
     * The most tools taken from this server (default {@value #DEFAULT_MAX_TOOLS}); a server that
     * lists more is refused, since every tool offered goes into every request to the model.
     */
    public Builder maxTools(int maxTools) {
      if (maxTools < 1) {
        throw new IllegalArgumentException("maxTools must be 1 or more, got " + maxTools);
      }
      this.maxTools = maxTools;
      return this;
    }

    /**
     * The most characters of one tool result given to the model (default {@value
     * #DEFAULT_MAX_RESULT_CHARS}); a longer result is cut and says so.
     */
    public Builder maxResultChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxResultChars must be 1 or more, got " + chars);
      }
      this.maxResultChars = chars;
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
      McpClientTransport transport = transport();
      StdioTransport stdio = transport instanceof StdioTransport st ? st : null;
      McpSyncClient client =
          McpClient.sync(transport)
              // the SDK's own limit covers starting the server; calls have their own timeout
              .requestTimeout(timeout.compareTo(startTimeout) > 0 ? timeout : startTimeout)
              .initializationTimeout(startTimeout)
              .clientInfo(new McpSchema.Implementation("frugal", "0.1.0"))
              .build();
      java.util.concurrent.ExecutorService executor =
          java.util.concurrent.Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "mcp-" + spec.name());
                t.setDaemon(true);
                return t;
              });
      ServerCalls calls = new ServerCalls(spec.name(), executor, stdio);
      List<McpSchema.Tool> listed;
      try {
        listed = list(client, calls);
      } catch (Exception e) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        executor.shutdownNow();
        client.close();
        throw new IllegalStateException(
            "could not start or reach MCP server '" + spec.brief() + "': " + rootMessage(e), e);
      }
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
                calls,
                maxResultChars));
      }
      List<String> names = tools.stream().map(Tool::name).toList();
      try {
        checkNamed("units", units.keySet(), names, spec.name());
        checkNamed("a timeout", timeouts.keySet(), names, spec.name());
      } catch (IllegalArgumentException e) {
        executor.shutdownNow();
        client.closeGracefully();
        throw e;
      }
      return new McpConnection(spec, client, tools, executor);
    }

    /**
     * Initialises the session and lists the server's tools, all within {@link #startTimeout}, at
     * most {@link #MAX_LIST_PAGES} pages and {@link #maxTools} tools; fails at once when the server
     * process ends.
     */
    private List<McpSchema.Tool> list(McpSyncClient client, ServerCalls calls) throws Exception {
      long deadline = System.nanoTime() + startTimeout.toNanos();
      McpSchema.InitializeResult init =
          calls.await(
              client::initialize, remaining(deadline), "starting and initialising the server");
      // The SDK logs this, instructions and all, at INFO; the launcher's logging configuration
      // quiets that logger, so the server's (possibly long) instructions show at DEBUG only.
      LOG.debug(
          "MCP server '{}': protocol {}, {} {}, instructions: {}",
          spec.name(),
          init.protocolVersion(),
          init.serverInfo() == null ? "?" : init.serverInfo().name(),
          init.serverInfo() == null ? "?" : init.serverInfo().version(),
          init.instructions());
      List<McpSchema.Tool> listed = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      String cursor = null;
      for (int page = 1; ; page++) {
        String from = cursor;
        McpSchema.ListToolsResult result =
            calls.await(() -> client.listTools(from), remaining(deadline), "listing its tools");
        if (result.tools() != null) listed.addAll(result.tools());
        if (listed.size() > maxTools) {
          throw new IllegalStateException(
              "it lists more than "
                  + maxTools
                  + " tools, the most offered to the model from one server; allow more with"
                  + " maxTools (--mcp-max-tools), or give a server with fewer tools");
        }
        cursor = result.nextCursor();
        if (cursor == null || cursor.isEmpty()) return listed;
        if (!seen.add(cursor)) {
          throw new IllegalStateException(
              "its tool list repeats the page cursor '"
                  + StdioTransport.printable(cursor)
                  + "' (a loop); listing stopped after "
                  + page
                  + " pages");
        }
        if (page >= MAX_LIST_PAGES) {
          throw new IllegalStateException(
              "its tool list goes on beyond "
                  + MAX_LIST_PAGES
                  + " pages (nextCursor every time); listing stopped");
        }
      }
    }

    private static Duration remaining(long deadline) {
      return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private McpClientTransport transport() {
      if (spec.transport() instanceof McpServerSpec.Transport.Stdio s) {
        requireRunnable(s.command().get(0));
        return new StdioTransport(spec.name(), s.command(), McpJsonDefaults.getMapper());
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
