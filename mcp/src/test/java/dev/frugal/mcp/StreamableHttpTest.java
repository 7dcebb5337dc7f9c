package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import dev.frugal.mcp.server.BudgetedToolServer;
import dev.frugal.mcp.server.StreamableHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StreamableHttpServer}: the project's budgeted tools served over the MCP streamable HTTP
 * transport on 127.0.0.1 (a free port), reached by the MCP SDK's own HTTP client transport; each
 * client is a session with its own budget.
 */
@Timeout(120)
class StreamableHttpTest {
  StreamableHttpServer server;
  BudgetedToolServer tools;

  StreamableHttpServer start(Budget budget, Duration callTimeout) throws Exception {
    tools =
        BudgetedToolServer.builder(McpTestServer.tools(McpTestServer.corpus()))
            .budgetPerSession(budget)
            .callTimeout(callTimeout)
            .build();
    server = StreamableHttpServer.start(tools, "127.0.0.1", 0);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  /** A client of the MCP SDK over its streamable-HTTP transport, initialised. */
  McpSyncClient sdkClient() {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    c.initialize();
    return c;
  }

  static String text(McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  static ToolResult search(McpConnection c, String query) throws Exception {
    Tool t =
        c.tools().stream().filter(x -> x.name().equals("web_search")).findFirst().orElseThrow();
    return t.execute(
        new ToolCall(
            "1", "web_search", new ObjectMapper().readTree("{\"queries\": [\"" + query + "\"]}")));
  }

  @Test
  void listsTheToolsAndCallsOneOverHttpOn127001() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    assertThat(server.uri().toString())
        .isEqualTo("http://127.0.0.1:" + server.port() + "/mcp")
        .doesNotContain(":0/");
    try (McpSyncClient c = sdkClient()) {
      assertThat(c.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("open", "search", "slow");
      McpSchema.CallToolResult r =
          c.callTool(
              new McpSchema.CallToolRequest(
                  "search", Map.of("queries", List.of("capital of France"))));
      assertThat(r.isError()).isFalse();
      assertThat(text(r))
          .contains("Paris")
          .contains("Remaining this session: open 2 of 2 units, search 2 of 3 units.");
    }
  }

  @Test
  void eachHttpClientIsASessionWithItsOwnBudget() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    McpServerSpec spec = McpServerSpec.parse("web=" + server.uri());
    try (McpConnection a = McpConnection.builder(spec).open();
        McpConnection b = McpConnection.builder(spec).open()) {
      assertThat(a.tools())
          .extracting(Tool::name)
          .containsExactly("web_open", "web_search", "web_slow");
      for (int i = 0; i < 3; i++) assertThat(search(a, "France " + i).error()).isFalse();
      ToolResult refused = search(a, "Germany");
      assertThat(refused.error()).isTrue();
      assertThat(refused.text())
          .contains("tool units of 'search'")
          .contains("The call was not made")
          .contains("search 0 of 3 units");
      // the second client's session still has its whole budget
      assertThat(search(b, "Germany").text())
          .contains("Berlin")
          .contains("Remaining this session: open 2 of 2 units, search 2 of 3 units.");
    }
  }

  HttpResponse<String> post(String body, String sessionId) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(server.uri())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sessionId != null) r.header("Mcp-Session-Id", sessionId);
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String sessionId) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(server.uri()).header("Mcp-Session-Id", sessionId).DELETE().build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  static final String SEARCH_FRANCE =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
          + "\"arguments\":{\"queries\":[\"France\"]}}}";

  @Test
  void aSessionTheClientEndsGivesUpItsBudgetAndItsIdCannotStartAfresh() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    HttpResponse<String> init = post(INITIALIZE, null);
    assertThat(init.statusCode()).isEqualTo(200);
    String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", id);
    HttpResponse<String> first = post(SEARCH_FRANCE, id);
    assertThat(first.body()).contains("Paris").contains("search 2 of 3 units");
    try (McpSyncClient other = sdkClient()) {
      other.callTool(
          new McpSchema.CallToolRequest("search", Map.of("queries", List.of("Germany"))));
      assertThat(tools.openSessions()).isEqualTo(2);

      assertThat(delete(id).statusCode()).isEqualTo(200);
      assertThat(tools.openSessions()).isEqualTo(1);
      // the ended id is refused by the transport: it never reaches a fresh budget
      HttpResponse<String> again = post(SEARCH_FRANCE, id);
      assertThat(again.statusCode()).isEqualTo(404);
      assertThat(again.body()).doesNotContain("Paris");
      assertThat(tools.openSessions()).isEqualTo(1);
      // a DELETE naming no known session changes nothing
      assertThat(delete("no-such-session").statusCode()).isGreaterThanOrEqualTo(400);
      assertThat(tools.openSessions()).isEqualTo(1);
    }
  }

  @Test
  void aMalformedBodyGetsAClearJsonRpcErrorAndTheServerKeepsServing() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    try (McpSyncClient before = sdkClient()) {
      HttpResponse<String> notJson = post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\"", null);
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(notJson.body())
          .contains("\"code\":-32700")
          .contains("Parse error: the request body is not JSON");
      HttpResponse<String> batch = post("[{\"jsonrpc\": \"2.0\", \"id\": 1}]", null);
      assertThat(batch.statusCode()).isEqualTo(400);
      assertThat(batch.body()).contains("\"code\":-32600").contains("batches are not supported");
      HttpResponse<String> noMethod = post("{\"jsonrpc\": \"2.0\", \"id\": 7}", null);
      assertThat(noMethod.body())
          .contains("\"id\":7")
          .contains("must be a string (or send a response)");
      HttpResponse<String> empty = post("", null);
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(empty.body()).contains("the request body is empty");
      // the session opened before still works, and a new one starts
      assertThat(before.listTools().tools()).hasSize(3);
      try (McpSyncClient after = sdkClient()) {
        assertThat(
                text(
                    after.callTool(
                        new McpSchema.CallToolRequest(
                            "search", Map.of("queries", List.of("Germany"))))))
            .contains("Berlin");
      }
    }
  }

  @Test
  void aHangingToolTimesOutWithAnErrorNamingTheTimeoutAndIsNotCharged() throws Exception {
    start(
        Budget.builder().toolUnits("search", 3).toolUnits("open", 2).toolUnits("slow", 1).build(),
        Duration.ofSeconds(1));
    try (McpSyncClient c = sdkClient()) {
      McpSchema.CallToolResult hung =
          c.callTool(new McpSchema.CallToolRequest("slow", Map.of("millis", 600_000)));
      assertThat(hung.isError()).isTrue();
      assertThat(text(hung))
          .contains("tool 'slow' did not finish within the server's per-call timeout of 1 s")
          .contains("(not charged)")
          .contains("slow 1 of 1 units");
      // the reservation was released: the one unit is still there to spend
      McpSchema.CallToolResult quick =
          c.callTool(new McpSchema.CallToolRequest("slow", Map.of("millis", 0)));
      assertThat(quick.isError()).isFalse();
      assertThat(text(quick)).contains("waited 0 ms").contains("slow 0 of 1 units");
    }
  }

  @Test
  void aRequestNamingAnotherHostIsRefused() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    // a browser tricked by DNS rebinding sends the attacker's host name
    String status = rawPost("attacker.example:" + server.port(), body);
    assertThat(status).startsWith("HTTP/1.1 421");
    assertThat(rawPost("127.0.0.1:" + server.port(), body)).startsWith("HTTP/1.1 200");
  }

  /** The status line of a POST sent with {@code host} as its Host header. */
  String rawPost(String host, String body) throws Exception {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nContent-Length: "
                  + b.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return reply.lines().findFirst().orElse("");
    }
  }

  @Test
  void anAddressOfAnotherMachineOrABadPortIsRefusedSayingWhatIsValid() {
    BudgetedToolServer tools =
        BudgetedToolServer.builder(McpTestServer.tools(McpTestServer.corpus())).build();
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine
    assertThatThrownBy(() -> StreamableHttpServer.start(tools, "192.0.2.1", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an address of this machine")
        .hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> StreamableHttpServer.start(tools, "127.0.0.1", 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 65535");
  }

  @Test
  void aPortInUseIsAClearError() throws Exception {
    start(McpTestServer.budget(), Duration.ofSeconds(30));
    BudgetedToolServer tools =
        BudgetedToolServer.builder(McpTestServer.tools(McpTestServer.corpus())).build();
    assertThatThrownBy(() -> StreamableHttpServer.start(tools, "127.0.0.1", server.port()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("could not listen on 127.0.0.1:" + server.port())
        .hasMessageContaining("choose another port, or 0 for a free one");
  }
}
