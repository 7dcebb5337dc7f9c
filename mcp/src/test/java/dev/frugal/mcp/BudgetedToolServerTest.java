package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.tools.corpus.CorpusIndex;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BudgetedToolServerTest {
  final CorpusIndex index = McpTestServer.corpus();
  final BudgetedToolServer server =
      BudgetedToolServer.builder(McpTestServer.tools(index))
          .budgetPerSession(McpTestServer.budget())
          .build();

  static String text(McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  McpSchema.CallToolResult search(String session, String... queries) {
    return server.call(session, "search", Map.of("queries", List.of(queries)));
  }

  @Test
  void everyResultReportsTheSessionsRemainingUnitsAndTheTrackersStatusBlock() {
    McpSchema.CallToolResult r = search("a", "capital of France");
    assertThat(r.isError()).isFalse();
    assertThat(text(r))
        .contains("Paris")
        .contains("Remaining this session: open 2 of 2 units, search 2 of 3 units.")
        .contains("<budget>")
        .contains("Remaining: 2");
    assertThat(r.meta()).containsEntry("frugal/remaining", Map.of("search", 2L, "open", 2L));
  }

  @Test
  void aSessionIsRefusedBeyondItsBudgetAndOtherSessionsKeepTheirs() {
    assertThat(search("a", "France", "Germany").isError()).isFalse(); // 2 units
    McpSchema.CallToolResult refused = search("a", "Lyon", "Rhone");
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused))
        .contains("tool units of 'search'")
        .contains("The call was not made")
        .contains("search 1 of 3 units");
    // another client session has its own budget
    assertThat(text(search("b", "Lyon"))).contains("search 2 of 3 units");
  }

  @Test
  void badArgumentsAndUnknownToolsAreErrorsThatCostNothing() {
    McpSchema.CallToolResult bad = server.call("a", "search", Map.of("queries", "France"));
    assertThat(bad.isError()).isTrue();
    assertThat(text(bad)).contains("must be an array").contains("search 3 of 3 units");
    McpSchema.CallToolResult unknown = server.call("a", "serch", Map.of());
    assertThat(text(unknown)).contains("unknown tool 'serch'").contains("open, search, slow");
  }

  @Test
  void concurrentCallsOfOneSessionNeverSpendBeyondItsBudget() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<McpSchema.CallToolResult>> calls =
          java.util.stream.IntStream.range(0, 20)
              .mapToObj(i -> pool.submit(() -> search("c", "query " + i)))
              .toList();
      int ok = 0;
      for (Future<McpSchema.CallToolResult> f : calls) if (!f.get().isError()) ok++;
      assertThat(ok).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallRunningPastTheTimeoutIsStoppedNamedAndReleasesItsReservation() {
    BudgetedToolServer timed =
        BudgetedToolServer.builder(McpTestServer.tools(index))
            .budgetPerSession(dev.frugal.core.budget.Budget.builder().toolUnits("slow", 1).build())
            .callTimeout(java.time.Duration.ofMillis(200))
            .build();
    McpSchema.CallToolResult hung = timed.call("a", "slow", Map.of("millis", 600_000));
    assertThat(hung.isError()).isTrue();
    assertThat(text(hung))
        .contains("tool 'slow' did not finish within the server's per-call timeout of 200 ms")
        .contains("(not charged)")
        .contains("slow 1 of 1 units");
    assertThat(timed.call("a", "slow", Map.of("millis", 0)).isError()).isFalse();
    assertThat(timed.call("a", "slow", Map.of("millis", 0)).isError()).isTrue(); // spent now
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                BudgetedToolServer.builder(McpTestServer.tools(index))
                    .callTimeout(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }

  @Test
  void theToolListSaysHowEachCallIsCharged() {
    assertThat(server.specifications())
        .extracting(s -> s.tool().name())
        .containsExactly("open", "search", "slow");
    McpSchema.Tool search = server.specifications().get(1).tool();
    assertThat(search.description()).contains("Budgeted: 1 Query unit per element of 'queries'");
    assertThat(search.inputSchema()).containsEntry("type", "object");
  }
}
