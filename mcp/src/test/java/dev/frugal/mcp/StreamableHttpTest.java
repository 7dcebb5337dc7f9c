package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import dev.frugal.mcp.server.BudgetedToolServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streamable-HTTP transport: the project's budgeted tools served by the MCP SDK's servlet in a
 * Jetty bound to 127.0.0.1, reached by two clients, each a session with its own budget.
 */
@Timeout(120)
class StreamableHttpTest {
  Server jetty;
  McpSyncServer mcp;
  String endpoint;

  @BeforeEach
  void start() throws Exception {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .mcpEndpoint("/mcp")
            .build();
    BudgetedToolServer tools =
        BudgetedToolServer.builder(McpTestServer.tools(McpTestServer.corpus()))
            .budgetPerSession(McpTestServer.budget())
            .build();
    mcp =
        McpServer.sync(transport)
            .serverInfo("frugal", "0.1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(tools.specifications())
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(transport), "/*");
    jetty.setHandler(context);
    jetty.start();
    endpoint = "http://127.0.0.1:" + connector.getLocalPort() + "/mcp";
  }

  @AfterEach
  void stop() throws Exception {
    if (mcp != null) mcp.close();
    if (jetty != null) jetty.stop();
  }

  static ToolResult search(McpConnection c, String query) throws Exception {
    Tool t =
        c.tools().stream().filter(x -> x.name().equals("web_search")).findFirst().orElseThrow();
    return t.execute(
        new ToolCall(
            "1", "web_search", new ObjectMapper().readTree("{\"queries\": [\"" + query + "\"]}")));
  }

  @Test
  void eachHttpClientIsASessionWithItsOwnBudget() throws Exception {
    McpServerSpec spec = McpServerSpec.parse("web=" + endpoint);
    try (McpConnection a = McpConnection.builder(spec).open();
        McpConnection b = McpConnection.builder(spec).open()) {
      assertThat(a.tools())
          .extracting(Tool::name)
          .containsExactly("web_open", "web_search", "web_slow");
      for (int i = 0; i < 3; i++) assertThat(search(a, "France " + i).error()).isFalse();
      ToolResult refused = search(a, "Germany");
      assertThat(refused.error()).isTrue();
      assertThat(refused.text()).contains("tool units of 'search'");
      // the second client's session still has its whole budget
      assertThat(search(b, "Germany").text())
          .contains("Berlin")
          .contains("Remaining this session: open 2 of 2 units, search 2 of 3 units.");
    }
  }
}
