package dev.frugal.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test tool (one {@code @Tool} method, one unit per call) that counts how often it really ran.
 */
public final class Lookup {
  public final AtomicInteger calls = new AtomicInteger();

  @dev.langchain4j.agent.tool.Tool("Looks a word up")
  public String lookup(String word) {
    calls.incrementAndGet();
    return "about " + word;
  }
}
