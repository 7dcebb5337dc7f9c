/**
 * A sample web application on Frugal's Spring Boot starter (docs/web.md): a page that asks a
 * question within a dollar budget and shows the run as it happens (steps, tool calls, a budget
 * gauge of money reserved and settled, the answer, the cost), and the JSON endpoints behind it,
 * {@code POST /api/ask} and {@code GET /api/ask/stream}. Without model flags it answers with the
 * SIMULATED model {@code sim-large} over the bundled HotpotQA corpus, and says so on the page.
 */
package dev.frugal.examples.web;
