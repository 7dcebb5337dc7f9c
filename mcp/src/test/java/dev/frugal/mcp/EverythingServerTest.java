package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MCP reference server {@code @modelcontextprotocol/server-everything}, fetched from the npm
 * registry by {@code npx} and run over stdio. Skipped, with a message, where {@code npx} is not on
 * the PATH; the first run downloads the package (bounded by the start timeout).
 */
@Timeout(420)
class EverythingServerTest {
  static final String PACKAGE = "@modelcontextprotocol/server-everything";

  static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  @Test
  void theReferenceServersToolsRunUnderABudgetWithTheirSchemaChecked() {
    assumeTrue(
        onPath("npx"),
        "npx is not on the PATH: skipping the test against "
            + PACKAGE
            + " (install Node.js to run it)");
    McpServerSpec spec = McpServerSpec.parse("everything=npx -y " + PACKAGE);
    try (McpConnection everything =
        McpConnection.builder(spec)
            .startTimeout(Duration.ofSeconds(300))
            .timeout(Duration.ofSeconds(60))
            .units("everything_get-sum", 2)
            .open()) {
      assertThat(everything.tools())
          .extracting(Tool::name)
          .contains("everything_echo", "everything_get-sum");
      ToolRegistry registry = ToolRegistry.builder().addAll(everything.tools()).build();

      // the server's zod schema, converted: a string where a number belongs is rejected here
      ToolRegistry.Prepared bad =
          registry.prepare(
              ToolExecutionRequest.builder()
                  .name("everything_get-sum")
                  .arguments("{\"a\": \"two\", \"b\": 3}")
                  .build());
      assertThat(((ToolRegistry.Prepared.Rejected) bad).message())
          .contains("argument 'a' must be a number");

      SimulatedChatModel model =
          new SimulatedChatModel()
              .thenTool("everything_get-sum", "{\"a\": 2, \"b\": 3}")
              .thenTool("everything_echo", "{\"message\": \"budget\"}")
              .thenTool("everything_echo", "{\"message\": \"again\"}")
              .thenAnswer("5");
      RunResult r =
          Agent.builder()
              .model("m", model)
              .prices(PriceTable.builder().model("m", ModelPrice.of(1, 1)).build())
              .tools(registry)
              .budgetTracker(false)
              .budget(Budget.builder().toolUnits("everything_echo", 1).build())
              .build()
              .run("What is 2 + 3?");
      assertThat(r.toolUnits())
          .containsEntry("everything_get-sum", 2L)
          .containsEntry("everything_echo", 1L);
      assertThat(((ToolExecutionResultMessage) model.requests.get(1).messages().get(3)).text())
          .contains("The sum of 2 and 3 is 5");
      assertThat(((ToolExecutionResultMessage) model.requests.get(2).messages().get(5)).text())
          .contains("Echo: budget");
      // the one echo unit is spent: the run stops asking for tools and the answer is forced
      assertThat(r.stopReason().describe())
          .isEqualTo("budget exhausted: tool units of 'everything_echo'");
    }
  }
}
