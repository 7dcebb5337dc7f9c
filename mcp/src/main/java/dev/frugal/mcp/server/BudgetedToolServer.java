package dev.frugal.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolArgumentException;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves budgeted Frugal tools to MCP clients. Every client session gets its own ledger with the
 * configured budget (tool units per tool, optionally dollars); each call is validated against the
 * tool's schema, its units are reserved before the tool runs, settled when it succeeds and released
 * when it fails, exactly as in an agent run, so that no session can spend beyond its budget even
 * with concurrent calls. Every result ends with what the session has left and the Budget Tracker's
 * status block; a refused call says which cap refused it. A call that runs longer than the per-call
 * timeout is stopped, answered with an error result naming the timeout, and its reservation is
 * released. Served over stdio ({@link #serve}) or streamable HTTP ({@link StreamableHttpServer}).
 */
public final class BudgetedToolServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The per-call timeout of a server built without {@link Builder#callTimeout}. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  static final String INSTRUCTIONS =
      "Budgeted search tools. Each session has a fixed budget of tool units; every result"
          + " reports what is left. Plan your calls: when a tool's units are spent, it refuses.";

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final ToolRegistry tools;
  private final Budget budget;
  private final PriceTable prices;
  private final BudgetTracker tracker;
  private final Duration callTimeout;
  private final Map<String, Ledger> sessions = new ConcurrentHashMap<>();

  /** Runs the tools, so that a call can be given up after {@link #callTimeout}. */
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "frugal-mcp-tool-" + WORKERS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private BudgetedToolServer(Builder b) {
    this.tools = b.tools;
    this.budget = b.budget;
    this.prices = b.prices;
    this.tracker = b.tracker;
    this.callTimeout = b.callTimeout;
  }

  public static Builder builder(ToolRegistry tools) {
    return new Builder(tools);
  }

  /** The budget each client session starts with. */
  public Budget budgetPerSession() {
    return budget;
  }

  /** How long one tool call may run before it is stopped and answered with an error. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * How many client sessions hold a budget now. A session's budget lives as long as the session:
   * over HTTP it is dropped when the client ends the session (an HTTP DELETE naming its {@code
   * Mcp-Session-Id}, which the MCP SDK honours by forgetting the session, so the same id can never
   * call again and so never gets a fresh budget); over stdio there is one session, for the life of
   * the process.
   */
  public int openSessions() {
    return sessions.size();
  }

  /**
   * Drops the budget of {@code session} once the transport has ended that session, so that a
   * long-running server does not keep one ledger per client it ever served. Only for a session the
   * transport will not accept calls for again: a call naming it later would start from a fresh
   * budget.
   */
  void endSession(String session) {
    if (session != null) sessions.remove(session);
  }

  /**
   * Handles one call of {@code tool} with {@code arguments} for the client session {@code session};
   * never throws for what the tool or the client did wrong.
   */
  public McpSchema.CallToolResult call(String session, String tool, Map<String, Object> arguments) {
    Ledger ledger =
        sessions.computeIfAbsent(session == null ? "" : session, s -> Ledger.open(budget));
    String raw;
    try {
      raw = JSON.writeValueAsString(arguments == null ? Map.of() : arguments);
    } catch (JsonProcessingException e) {
      return result("ERROR: arguments could not be read: " + e.getOriginalMessage(), true, ledger);
    }
    ToolRegistry.Prepared p =
        tools.prepare(ToolExecutionRequest.builder().name(tool).arguments(raw).build());
    if (p instanceof ToolRegistry.Prepared.Rejected r) {
      return result("ERROR: " + r.message() + " (not charged)", true, ledger);
    }
    ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) p;
    Spend cost = Spend.tool(ready.tool().name(), ready.units(), prices);
    Reservation reservation;
    try {
      reservation = ledger.reserve(cost);
    } catch (BudgetExceededException e) {
      return result(
          "ERROR: "
              + e.getMessage()
              + ". The call was not made; this session's budget for it is spent.",
          true,
          ledger);
    }
    ToolResult out;
    Future<ToolResult> running = null;
    try {
      running = workers.submit(() -> ready.tool().execute(ready.call()));
      out = running.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
      if (out == null) out = ToolResult.error("tool '" + tool + "' returned nothing");
    } catch (TimeoutException e) {
      running.cancel(true);
      out =
          ToolResult.error(
              "tool '"
                  + tool
                  + "' did not finish within the server's per-call timeout of "
                  + describe(callTimeout)
                  + " and was stopped");
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      out = ToolResult.error("the call of tool '" + tool + "' was interrupted");
    } catch (ExecutionException e) {
      out = failure(tool, e.getCause());
    } catch (RuntimeException e) {
      out = failure(tool, e); // the pool refused the task
    }
    if (out.error()) {
      reservation.release();
      return result("ERROR: " + out.text() + " (not charged)", true, ledger);
    }
    reservation.settle(cost);
    return result(out.text(), false, ledger);
  }

  private static ToolResult failure(String tool, Throwable e) {
    if (e instanceof ToolArgumentException) return ToolResult.error(e.getMessage());
    return ToolResult.error(
        "tool '" + tool + "' failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** {@code 30 s}, or {@code 250 ms} below a second or for a fraction of one. */
  static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  private McpSchema.CallToolResult result(String text, boolean error, Ledger ledger) {
    LedgerSnapshot s = ledger.snapshot();
    String block = tracker.statusBlock(s, this::unitLabel);
    return McpSchema.CallToolResult.builder()
        .addTextContent(text + "\n" + remaining(s) + (block.isEmpty() ? "" : "\n" + block))
        .isError(error)
        .meta(Map.of("frugal/remaining", remainingMap(s)))
        .build();
  }

  /** A line such as {@code Remaining this session: search 3 of 5 units, open 2 of 3 units.} */
  static String remaining(LedgerSnapshot s) {
    StringBuilder sb = new StringBuilder("Remaining this session:");
    boolean first = true;
    for (Map.Entry<Cap, Long> e : s.remainingByCap().entrySet()) {
      sb.append(first ? " " : ", ");
      first = false;
      Cap c = e.getKey();
      long limit = s.budget().limit(c).getAsLong();
      if (c instanceof Cap.ToolUnits t) {
        sb.append(t.tool())
            .append(' ')
            .append(e.getValue())
            .append(" of ")
            .append(limit)
            .append(" units");
      } else if (c instanceof Cap.Usd) {
        sb.append(
            String.format(
                java.util.Locale.ROOT, "$%.6f of $%.6f", dollars(e.getValue()), dollars(limit)));
      } else {
        sb.append(c.describe()).append(' ').append(e.getValue()).append(" of ").append(limit);
      }
    }
    return first ? sb.append(" unlimited.").toString() : sb.append('.').toString();
  }

  private static Map<String, Object> remainingMap(LedgerSnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    s.remainingByCap()
        .forEach(
            (c, v) ->
                m.put(
                    c instanceof Cap.ToolUnits t ? t.tool() : c.describe(),
                    c instanceof Cap.Usd ? (Object) dollars(v) : (Object) v));
    return m;
  }

  private static double dollars(long picos) {
    return dev.frugal.core.budget.Money.usd(picos);
  }

  private String unitLabel(String tool) {
    String label =
        tools.find(tool).map(t -> t.unitRule().unitLabel()).filter(l -> !l.isBlank()).orElse(null);
    if (label != null) return label;
    return tool.isEmpty() ? tool : Character.toUpperCase(tool.charAt(0)) + tool.substring(1);
  }

  /** The MCP descriptions of the served tools, each saying how a call is charged. */
  public List<McpServerFeatures.SyncToolSpecification> specifications() {
    return tools.tools().stream()
        .map(
            t ->
                McpServerFeatures.SyncToolSpecification.builder()
                    .tool(describe(t))
                    .callHandler(
                        (exchange, req) -> call(exchange.sessionId(), req.name(), req.arguments()))
                    .build())
        .toList();
  }

  private McpSchema.Tool describe(Tool t) {
    Map<String, Object> schema = JsonSchemaElementUtils.toMap(t.specification().parameters());
    return McpSchema.Tool.builder()
        .name(t.name())
        .description(
            t.specification().description()
                + " Budgeted: "
                + t.unitRule().describe()
                + "; results end with what this session has left.")
        .inputSchema(schema)
        .build();
  }

  /**
   * Serves over {@code in}/{@code out} (a process's stdin and stdout for {@code frugal mcp serve})
   * until the client closes the stream; returns the running server. A line that is not a valid
   * JSON-RPC message, or one over 16 MiB, is answered with a JSON-RPC error and skipped.
   */
  public McpSyncServer serve(InputStream in, OutputStream out) {
    StdioGuard guard =
        new StdioGuard(in, out, McpJsonDefaults.getMapper(), StdioGuard.MAX_MESSAGE_BYTES);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            McpJsonDefaults.getMapper(), guard.serverInput(), guard.serverOutput());
    guard.start();
    return mcpServer(McpServer.sync(transport));
  }

  /** The MCP server of these tools on the transport of {@code spec}: stdio or streamable HTTP. */
  McpSyncServer mcpServer(McpServer.SyncSpecification<?> spec) {
    return spec.serverInfo("frugal", "0.1.0")
        .instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(specifications())
        .build();
  }

  /** Builds a {@link BudgetedToolServer}. */
  public static final class Builder {
    private final ToolRegistry tools;
    private Budget budget = Budget.unlimited();
    private PriceTable prices = PriceTable.builder().build();
    private BudgetTracker tracker = BudgetTracker.withDefaults();
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

    private Builder(ToolRegistry tools) {
      this.tools = Objects.requireNonNull(tools, "tools");
      if (tools.isEmpty())
        throw new IllegalArgumentException("an MCP server needs at least one tool");
    }

    /** The budget every client session starts with (default unlimited). */
    public Builder budgetPerSession(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** The prices of tool units, for a dollar cap (default {@link PriceTable} tool prices). */
    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /** The Budget Tracker whose status block ends every result. */
    public Builder tracker(BudgetTracker tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      return this;
    }

    /**
     * How long one tool call may run (default {@link #DEFAULT_CALL_TIMEOUT}); a call still running
     * then is interrupted, answered with an error naming the timeout, and not charged.
     */
    public Builder callTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "the per-call timeout must be positive, got " + describe(timeout));
      }
      this.callTimeout = timeout;
      return this;
    }

    public BudgetedToolServer build() {
      return new BudgetedToolServer(this);
    }
  }
}
