package dev.frugal.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;

/**
 * Checks one incoming message before the MCP server sees it, for both transports (stdio lines and
 * streamable-HTTP request bodies): a text that is not JSON is a parse error (-32700), one that is
 * JSON but not a JSON-RPC 2.0 request, notification or response is an invalid request (-32600), as
 * in the JSON-RPC 2.0 specification's "Error object" section.
 */
final class JsonRpcCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonRpcCheck() {}

  /**
   * Null when {@code text} is one JSON-RPC 2.0 message the MCP server can take; otherwise the
   * JSON-RPC error object to answer with, saying what was wrong and what would be valid; {@code
   * unit} names what carried the text ("line", "request body").
   */
  static String problem(String text, McpJsonMapper mapper, String unit) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return error(
          null,
          -32700,
          "Parse error: the " + unit + " is not JSON; send one JSON-RPC message per " + unit);
    }
    if (node == null || !node.isObject()) {
      String what = node == null ? "nothing" : node.getNodeType().toString().toLowerCase();
      return error(
          null,
          -32600,
          "Invalid Request: expected a JSON-RPC 2.0 request object, got "
              + what
              + (node != null && node.isArray() ? " (batches are not supported)" : ""));
    }
    JsonNode id = node.get("id");
    boolean idValid = id == null || id.isTextual() || id.isIntegralNumber();
    JsonNode idOut = idValid ? id : null;
    if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
      return error(idOut, -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    }
    if (!idValid) {
      return error(null, -32600, "Invalid Request: \"id\" must be a string or an integer");
    }
    JsonNode method = node.get("method");
    boolean isResponse = method == null && (node.has("result") || node.has("error"));
    if (!isResponse) {
      if (method == null || !method.isTextual()) {
        return error(
            idOut, -32600, "Invalid Request: \"method\" must be a string (or send a response)");
      }
      JsonNode params = node.get("params");
      if (params != null && !params.isObject() && !params.isNull()) {
        return error(idOut, -32600, "Invalid Request: \"params\" must be an object");
      }
    } else if (id == null) {
      return error(null, -32600, "Invalid Request: a response needs the \"id\" it answers");
    }
    try {
      McpSchema.deserializeJsonRpcMessage(mapper, text);
    } catch (Exception e) {
      return error(idOut, -32600, "Invalid Request: " + e.getMessage());
    }
    return null;
  }

  static String error(JsonNode id, int code, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return o.toString();
  }
}
