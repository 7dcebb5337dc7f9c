package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.tools.fetch.PageFetcher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
   * Serves over stdin/stdout until the client closes stdin. Every client session has its own
   * budget; every result reports what it has left.
   */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serve the budgeted search and open tools over MCP (stdio) until the client disconnects.",
        "Each client session may spend --search and --open units; every result ends with what"
            + " is left and the Budget Tracker's status block. Logs go to stderr.",
        "Example client configuration: {\"command\": \"./frugal\", \"args\": [\"mcp\", \"serve\"]}"
      })
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--search",
        defaultValue = "10",
        paramLabel = "N",
        description = "search units per client session (default: ${DEFAULT-VALUE})")
    int search;

    @Option(
        names = {"--open", "--browse"},
        defaultValue = "10",
        paramLabel = "N",
        description = "open units per client session (default: ${DEFAULT-VALUE})")
    int open;

    @Option(
        names = "--search-backend",
        defaultValue = "local",
        paramLabel = "BACKEND",
        description =
            "local (default: the bundled corpus), searxng, brave (key in BRAVE_API_KEY) or tavily"
                + " (key in TAVILY_API_KEY)")
    SearchBackendChoice backend;

    @Option(
        names = "--searxng-url",
        paramLabel = "URL",
        description = "the SearxNG instance (default: $SEARXNG_URL)")
    String searxngUrl;

    @Option(
        names = "--allow-address",
        paramLabel = "CIDR",
        description = "let 'open' fetch from this private address or block (repeatable)")
    List<String> allowAddresses = new ArrayList<>();

    @Option(
        names = "--dataset",
        defaultValue = "bundled",
        description = "corpus: 'bundled' or a dataset file (local backend)")
    String dataset;

    @Override
    public Integer call() throws Exception {
      if (search < 0 || open < 0) {
        throw new IllegalArgumentException(
            "--search and --open must be 0 or more units, got " + search + " and " + open);
      }
      Budget budget = Budget.builder().toolUnits("search", search).toolUnits("open", open).build();
      try (Testbed bed = backend.web() ? null : Testbed.open(dataset, List.of())) {
        ToolRegistry.Builder tb = ToolRegistry.builder();
        if (bed != null) tb.addAll(bed.tools().tools());
        else {
          tb.addAll(backend.webTools(searxngUrl, allowAddresses, PageFetcher.DEFAULT_MAX_CHARS));
        }
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
        var server =
            BudgetedToolServer.builder(tb.build())
                .budgetPerSession(budget)
                .build()
                .serve(in, System.out);
        System.err.println(
            "frugal mcp: serving search and open ("
                + backend.description()
                + ") over stdio; per session: "
                + search
                + " search, "
                + open
                + " open units");
        closed.await();
        server.closeGracefully();
      }
      return 0;
    }
  }
}
