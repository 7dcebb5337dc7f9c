package dev.frugal.observability;

/** A test tool: one {@code @Tool} method, one unit per call. */
public final class Lookup {
  @dev.langchain4j.agent.tool.Tool("Looks a word up")
  public String lookup(String word) {
    return "about " + word;
  }
}
