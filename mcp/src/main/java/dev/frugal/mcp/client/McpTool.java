package dev.frugal.mcp.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * One tool of an MCP server, as a Frugal {@link Tool}: named {@code server_tool}, charged by its
 * unit rule, with the server's input schema. A call goes to the server with the connection's
 * timeout; a result the server marks as an error comes back as a tool error (not charged), and a
 * failure of the connection or a timeout is thrown and becomes one too. A result longer than the
 * connection's limit is cut, and says so.
 */
public final class McpTool implements Tool {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncClient client;
  private final String server;
  private final String remoteName;
  private final ToolSpecification specification;
  private final UnitRule unitRule;
  private final java.time.Duration timeout;
  private final ServerCalls calls;
  private final int maxResultChars;

  McpTool(
      McpSyncClient client,
      String server,
      McpSchema.Tool tool,
      UnitRule unitRule,
      java.time.Duration timeout,
      ServerCalls calls,
      int maxResultChars) {
    this.client = client;
    this.maxResultChars = maxResultChars;
    this.timeout = timeout;
    this.calls = calls;
    this.server = server;
    this.remoteName = tool.name();
    String description = tool.description() == null ? tool.name() : tool.description();
    this.specification =
        ToolSpecification.builder()
            .name(server + "_" + tool.name())
            .description(description + " [MCP server '" + server + "']")
            .parameters(SchemaConversion.parameters(tool.inputSchema()))
            .build();
    this.unitRule = unitRule;
  }

  @Override
  public ToolSpecification specification() {
    return specification;
  }

  @Override
  public UnitRule unitRule() {
    return unitRule;
  }

  /** The server this tool belongs to. */
  public String server() {
    return server;
  }

  /** The tool's own name on its server. */
  public String remoteName() {
    return remoteName;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ToolResult execute(ToolCall call) throws Exception {
    Map<String, Object> args = JSON.convertValue(call.arguments(), Map.class);
    McpSchema.CallToolRequest request = new McpSchema.CallToolRequest(remoteName, args);
    McpSchema.CallToolResult r;
    try {
      r = calls.await(() -> client.callTool(request), timeout, "calling '" + remoteName + "'");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new java.util.concurrent.TimeoutException(
          "MCP tool '"
              + remoteName
              + "' of server '"
              + server
              + "' gave no result within "
              + timeout.toMillis()
              + " ms (timeout); try again later or with less to do");
    }
    String text = cut(text(r), maxResultChars);
    return Boolean.TRUE.equals(r.isError()) ? ToolResult.error(text) : ToolResult.ok(text);
  }

  /**
   * {@code text} cut to {@code max} characters, with a note to the model that it was cut (as pages
   * are); a result within the limit is unchanged.
   */
  static String cut(String text, int max) {
    if (text.length() <= max) return text;
    return text.substring(0, max)
        + "\n[result cut: the first "
        + max
        + " of its "
        + text.length()
        + " characters are shown; the rest was left out (--mcp-result-chars)]";
  }

  /** The result's content as text: text parts as they are, other parts described. */
  static String text(McpSchema.CallToolResult r) {
    List<McpSchema.Content> content = r.content() == null ? List.of() : r.content();
    StringBuilder sb = new StringBuilder();
    for (McpSchema.Content c : content) {
      if (sb.length() > 0) sb.append('\n');
      if (c instanceof McpSchema.TextContent t) {
        sb.append(t.text());
      } else if (c instanceof McpSchema.ImageContent i) {
        sb.append("[image, ").append(i.mimeType()).append(']');
      } else if (c instanceof McpSchema.AudioContent a) {
        sb.append("[audio, ").append(a.mimeType()).append(']');
      } else if (c instanceof McpSchema.EmbeddedResource e) {
        McpSchema.ResourceContents rc = e.resource();
        if (rc instanceof McpSchema.TextResourceContents tr) sb.append(tr.text());
        else sb.append("[resource ").append(rc.uri()).append(']');
      } else if (c instanceof McpSchema.ResourceLink l) {
        sb.append("[resource link ").append(l.uri()).append(']');
      } else {
        sb.append('[').append(c.type()).append(']');
      }
    }
    if (sb.length() == 0 && r.structuredContent() != null) {
      try {
        sb.append(JSON.writeValueAsString(r.structuredContent()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        sb.append(r.structuredContent());
      }
    }
    return sb.toString();
  }
}
