package dev.frugal.spring;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** A tool bean for the tests: the capital of a country, from a table of two. */
public class Almanac {
  @Tool("The capital city of a country")
  public String capital(@P("the country's English name") String country) {
    return switch (country) {
      case "France" -> "Paris";
      case "Italy" -> "Rome";
      default -> "unknown";
    };
  }
}
