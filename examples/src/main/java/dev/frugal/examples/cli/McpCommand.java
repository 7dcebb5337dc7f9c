package dev.frugal.examples.cli;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.tools.fetch.PageFetcher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    @picocli.CommandLine.Mixin ToolUnitOptions units;

    @picocli.CommandLine.Mixin SearchBackendOptions web;

    @Option(
        names = "--dataset",
        defaultValue = "bundled",
        description = "corpus: 'bundled' or a dataset file (local backend)")
    String dataset;

    @Override
    public Integer call() throws Exception {
      Budget budget = units.addTo(Budget.builder()).build();
      try (Testbed bed = web.backend.web() ? null : Testbed.open(dataset, List.of())) {
        ToolRegistry.Builder tb = ToolRegistry.builder();
        if (bed != null) tb.addAll(bed.tools().tools());
        else {
          tb.addAll(web.webTools(PageFetcher.DEFAULT_MAX_CHARS));
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
                + web.backend.description()
                + ") over stdio; per session: "
                + units.search
                + " search, "
                + units.open
                + " open units");
        closed.await();
        server.closeGracefully();
      }
      return 0;
    }
  }
}
