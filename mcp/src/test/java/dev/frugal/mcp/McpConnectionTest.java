package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The MCP client against the project's own MCP server, started as a real process over stdio. */
@Timeout(120)
class McpConnectionTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();
  static McpConnection demo;

  /** {@code demo=java -cp ... dev.frugal.mcp.McpTestServer}: this JVM's java and classpath. */
  static McpServerSpec demoSpec(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-Xshare:auto"));
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), McpTestServer.class.getName()));
    return new McpServerSpec(name, new McpServerSpec.Transport.Stdio(cmd));
  }

  @BeforeAll
  static void start() {
    demo =
        McpConnection.builder(demoSpec("demo"))
            .units("demo_search", 2)
            .timeout(Duration.ofSeconds(60))
            .timeout("demo_slow", Duration.ofMillis(500))
            .open();
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  @Test
  void theServersToolsArePrefixedAndCarryTheirSchemaAndUnitRule() {
    assertThat(demo.serverInfo()).startsWith("frugal ");
    assertThat(demo.tools())
        .extracting(Tool::name)
        .containsExactly("demo_open", "demo_search", "demo_slow");
    Tool search = demo.tools().get(1);
    assertThat(search.specification().description()).contains("[MCP server 'demo']");
    assertThat(search.specification().parameters().required()).containsExactly("queries");
    assertThat(search.unitRule().units(null)).isEqualTo(2);
    assertThat(demo.tools().get(0).unitRule().units(null)).isEqualTo(1);
  }

  @Test
  void argumentsAreCheckedAgainstTheServersSchemaBeforeAnythingIsCharged() {
    ToolRegistry registry = ToolRegistry.builder().addAll(demo.tools()).build();
    ToolRegistry.Prepared p =
        registry.prepare(
            ToolExecutionRequest.builder()
                .name("demo_search")
                .arguments("{\"queries\": \"capital\"}")
                .build());
    assertThat(p).isInstanceOf(ToolRegistry.Prepared.Rejected.class);
    assertThat(((ToolRegistry.Prepared.Rejected) p).message())
        .contains("argument 'queries' must be an array");
  }

  @Test
  void anAgentSpendsMcpToolUnitsUnderItsBudgetAndRefusesBeyondIt() {
    SimulatedChatModel model =
        new SimulatedChatModel()
            .thenTool("demo_search", "{\"queries\": [\"capital of France\"]}")
            .thenTool("demo_search", "{\"queries\": [\"largest city of France\"]}")
            .thenAnswer("Paris");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .tools(ToolRegistry.builder().addAll(demo.tools()).build())
            .budget(Budget.builder().toolUnits("demo_search", 3).build())
            .build()
            .run("Capital of France?");

    // 2 units per call under a cap of 3: the first call runs, the second is refused
    assertThat(r.toolUnits()).containsEntry("demo_search", 2L);
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.Refused)
        .singleElement()
        .satisfies(
            e -> assertThat(((RunEvent.Refused) e).cap()).isEqualTo("tool units of 'demo_search'"));
    ToolExecutionResultMessage first =
        (ToolExecutionResultMessage) model.requests.get(1).messages().get(3);
    // the server's own result: a Lucene hit, then what the server-side session has left
    assertThat(first.text())
        .contains("Paris")
        .contains("Remaining this session: open 2 of 2 units, search 2 of 3 units");
  }

  @Test
  void aToolThatOutlivesTheTimeoutIsAToolErrorAndCostsNothing() {
    SimulatedChatModel model =
        new SimulatedChatModel().thenTool("demo_slow", "{\"millis\": 5000}").thenAnswer("gave up");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .tools(ToolRegistry.builder().addAll(demo.tools()).build())
            .budget(Budget.builder().toolUnits("demo_slow", 1).build())
            .build()
            .run("Wait?");
    RunEvent.ToolCalled call =
        r.trace().stream()
            .filter(RunEvent.ToolCalled.class::isInstance)
            .map(RunEvent.ToolCalled.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(call.outcome()).isEqualTo("error");
    assertThat(call.detail()).contains("demo_slow").containsIgnoringCase("timeout");
    assertThat(r.toolUnits()).doesNotContainKey("demo_slow");
  }

  @Test
  void aServerThatCannotStartIsNamedInTheError() {
    McpServerSpec bad = McpServerSpec.parse("nope=/nonexistent/mcp-server --flag");
    assertThatThrownBy(() -> McpConnection.builder(bad).startTimeout(Duration.ofSeconds(10)).open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCP server 'nope=/nonexistent/mcp-server --flag'")
        .hasMessageContaining("is not an executable file");
  }
}
