/**
 * Web search for agents: SearxNG, Brave and Tavily backends over OkHttp, behind one {@code search}
 * tool with the same contract as the local corpus search (queries[], one Query unit each).
 */
package dev.frugal.tools.web;
