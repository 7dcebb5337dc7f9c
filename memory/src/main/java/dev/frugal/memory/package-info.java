/**
 * BudgetMem: query-aware runtime memory with LOW/MID/HIGH module tiers and a learned tier router
 * (the BudgetMem paper (arXiv 2602.06025), arXiv 2602.06025). {@link dev.frugal.memory.Memory} is
 * the entry point: built from a history and either fixed tiers or a tier router, it answers {@code
 * recall(query)} with a knowledge summary and what it cost; {@link dev.frugal.memory.RecallTool}
 * offers it to any agent as a budgeted tool; {@link dev.frugal.memory.PageMemory} keeps the long
 * pages a tool returns in memory and gives the agent a query-aware summary instead ({@code frugal
 * ask --memory}), its model calls paid through the run's own metering (agent-core's {@code
 * ToolInterceptor.Chain}).
 *
 * <p>Dependencies point toward agent-core: memory uses agent-core (ledgers, prices, tools) and the
 * router module's DJL policy infrastructure (device choice, offline setup, the actor-critic
 * network) for its tier router; nothing in agent-core or router knows about memory.
 */
package dev.frugal.memory;
