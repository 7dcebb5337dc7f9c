package dev.frugal.mcp;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.concurrent.CountDownLatch;

/**
 * The project's own small MCP server for the tests, run as a separate process over stdio: Frugal's
 * budgeted {@code search} and {@code open} over a three-paragraph Lucene corpus, plus a {@code
 * slow} tool that sleeps (to test timeouts). Each session may spend 3 search and 2 open units.
 */
public final class McpTestServer {
  private McpTestServer() {}

  static CorpusIndex corpus() {
    return CorpusIndex.builder()
        .add("Paris", "Paris is the capital and largest city of France.")
        .add("Lyon", "Lyon is the third-largest city of France, on the Rhone.")
        .add("Berlin", "Berlin is the capital of Germany.")
        .build();
  }

  static ToolRegistry tools(CorpusIndex index) {
    return ToolRegistry.builder()
        .add(new SearchTool(index))
        .add(new OpenTool(index))
        .add(new Slow())
        .build();
  }

  static Budget budget() {
    return Budget.builder().toolUnits("search", 3).toolUnits("open", 2).build();
  }

  /** A tool that sleeps {@code millis} milliseconds, then says so. */
  static final class Slow implements Tool {
    @Override
    public ToolSpecification specification() {
      return ToolSpecification.builder()
          .name("slow")
          .description("Waits, then answers")
          .parameters(
              JsonObjectSchema.builder().addIntegerProperty("millis").required("millis").build())
          .build();
    }

    @Override
    public ToolResult execute(ToolCall call) throws InterruptedException {
      long ms = call.number("millis", 0);
      Thread.sleep(ms);
      return ToolResult.ok("waited " + ms + " ms");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    BudgetedToolServer.builder(tools(corpus()))
        .budgetPerSession(budget())
        .build()
        .serve(
            new java.io.FilterInputStream(System.in) {
              @Override
              public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                if (n < 0) closed.countDown();
                return n;
              }
            },
            System.out);
    closed.await();
    System.exit(0); // the SDK's worker threads would keep the process alive
  }
}
