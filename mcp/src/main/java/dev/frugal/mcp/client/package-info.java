/**
 * MCP servers' tools as budgeted Frugal tools: {@link dev.frugal.mcp.client.McpConnection} starts
 * (stdio) or reaches (streamable HTTP) a server, lists its tools and turns each into a {@link
 * dev.frugal.core.tool.Tool} with a unit rule (one unit per call unless configured), the server's
 * JSON schema (checked by the registry before a call is charged) and the connection's timeout.
 */
package dev.frugal.mcp.client;
