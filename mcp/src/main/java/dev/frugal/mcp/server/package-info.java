/**
 * Frugal as an MCP server: {@link dev.frugal.mcp.server.BudgetedToolServer} serves a {@link
 * dev.frugal.core.tool.ToolRegistry} (the budgeted {@code search} and {@code open} tools) to MCP
 * clients, with a budget per client session that every tool result reports and a per-call timeout,
 * so that agents outside Frugal get the Budget Tracker's awareness through MCP; over stdio, or over
 * streamable HTTP with {@link dev.frugal.mcp.server.StreamableHttpServer} (docs/mcp.md).
 */
package dev.frugal.mcp.server;
