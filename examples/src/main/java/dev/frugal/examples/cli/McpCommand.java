package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.mcp.server.StreamableHttpServer;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.tools.fetch.PageFetcher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frugal mcp serve}: Frugal's budgeted search/open tools for any MCP client. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = "Model Context Protocol: serve Frugal's budgeted tools to MCP clients.",
    subcommands = {McpCommand.Serve.class})
public final class McpCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /**
   * Serves over stdin/stdout until the client closes stdin, or with {@code --http PORT} over the
   * MCP streamable HTTP transport at {@code /mcp} on 127.0.0.1 until stopped. Every client session
   * has its own budget; every result reports what it has left.
   */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serve the budgeted search and open tools over MCP: stdio (the default) until the client"
            + " disconnects, or with --http PORT streamable HTTP at http://127.0.0.1:PORT/mcp until"
            + " stopped (Ctrl-C).",
        "Each client session may spend --search and --open units; every result ends with what"
            + " is left and the Budget Tracker's status block; a call running past --call-timeout"
            + " is stopped and costs nothing. Logs go to stderr.",
        "Example client configuration: {\"command\": \"./frugal\", \"args\": [\"mcp\", \"serve\"]}",
        "Over HTTP: ./frugal mcp serve --http 8765, then {\"url\": \"http://127.0.0.1:8765/mcp\"}"
      })
  static final class Serve implements Callable<Integer> {
    @picocli.CommandLine.Mixin ToolUnitOptions units;

    @picocli.CommandLine.Mixin SearchBackendOptions web;

    @Option(
        names = "--dataset",
        defaultValue = "bundled",
        description = "corpus: 'bundled' or a dataset file (local backend)")
    String dataset;

    @Option(
        names = "--http",
        paramLabel = "PORT",
        description =
            "serve over streamable HTTP at http://BIND:PORT/mcp instead of stdio; 0 picks a free"
                + " port (printed on stderr)")
    String http;

    @Option(
        names = "--bind",
        paramLabel = "ADDRESS",
        description =
            "with --http: the address to listen on (default: 127.0.0.1, this machine only); another"
                + " address of this machine must be given explicitly")
    String bind;

    @Option(
        names = "--call-timeout",
        defaultValue = "30",
        paramLabel = "SECONDS",
        description =
            "how long one tool call may run; a longer one is stopped, answered with an error and"
                + " not charged (default: ${DEFAULT-VALUE})")
    long callTimeoutSeconds;

    /** The {@code --http} port, or -1 for stdio; bad input names what would be valid. */
    int port() {
      if (http == null) {
        if (bind != null) {
          throw new IllegalArgumentException(
              "--bind applies to --http only; give --http PORT as well, or leave --bind out for"
                  + " stdio");
        }
        return -1;
      }
      int p;
      try {
        p = Integer.parseInt(http.trim());
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException(
            "--http takes a TCP port, a whole number from 0 to 65535 (0 picks a free port), got '"
                + http
                + "'");
      }
      return p;
    }

    @Override
    public Integer call() throws Exception {
      int port = port();
      if (callTimeoutSeconds < 1) {
        throw new IllegalArgumentException(
            "--call-timeout must be at least 1 second, got " + callTimeoutSeconds);
      }
      Budget budget = units.addTo(Budget.builder()).build();
      try (Testbed bed = web.backend.web() ? null : Testbed.open(dataset, List.of())) {
        ToolRegistry.Builder tb = ToolRegistry.builder();
        if (bed != null) tb.addAll(bed.tools().tools());
        else {
          tb.addAll(web.webTools(PageFetcher.DEFAULT_MAX_CHARS));
        }
        BudgetedToolServer tools =
            BudgetedToolServer.builder(tb.build())
                .budgetPerSession(budget)
                .callTimeout(Duration.ofSeconds(callTimeoutSeconds))
                .build();
        if (port >= 0) return serveHttp(tools, port);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in =
            new FilterInputStream(System.in) {
              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) closed.countDown();
                return n;
              }
            };
        var server = tools.serve(in, System.out);
        System.err.println(serving("stdio"));
        closed.await();
        server.closeGracefully();
      }
      return 0;
    }

    private String serving(String where) {
      return "frugal mcp: serving search and open ("
          + web.backend.description()
          + ") over "
          + where
          + "; per session: "
          + units.search
          + " search, "
          + units.open
          + " open units; per call: at most "
          + callTimeoutSeconds
          + " s";
    }

    /** Serves over streamable HTTP until the process is stopped (Ctrl-C, SIGTERM). */
    private int serveHttp(BudgetedToolServer tools, int port) throws InterruptedException {
      String host = bind == null ? "127.0.0.1" : bind.trim();
      StreamableHttpServer server;
      try {
        server = StreamableHttpServer.start(tools, host, port);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--bind: " + e.getMessage(), e);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--http " + port + ": " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "frugal-mcp-http-stop"));
      if (!isLoopback(host)) {
        System.err.println(
            "frugal mcp: WARNING: "
                + host
                + " is not a loopback address: whoever can reach it can spend the per-session"
                + " budgets; there is no authentication");
      }
      System.err.println(serving("streamable HTTP at " + server.uri()) + "; stop with Ctrl-C");
      System.err.flush();
      new CountDownLatch(1).await(); // until the process is stopped
      return 0;
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (java.io.IOException e) {
        return false;
      }
    }
  }
}
