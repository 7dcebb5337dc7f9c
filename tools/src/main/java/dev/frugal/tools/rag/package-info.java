/**
 * Retrieval as a budgeted tool: {@link dev.frugal.tools.rag.RetrieverTool} turns any LangChain4j
 * {@code ContentRetriever} (an embedding store, a web search, a RAG pipeline a project already has)
 * into a tool the agent calls, reserves and charges like any other, one unit per query at the price
 * the application sets.
 */
package dev.frugal.tools.rag;
