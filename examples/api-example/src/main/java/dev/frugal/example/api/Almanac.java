package dev.frugal.example.api;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Locale;
import java.util.Map;

/** A local tool: capitals and populations of a few countries, free to call. */
public final class Almanac {
  private static final Map<String, String> FACTS =
      Map.of(
          "france", "The capital of France is Paris (population about 2.1 million).",
          "japan", "The capital of Japan is Tokyo (population about 14 million).",
          "peru", "The capital of Peru is Lima (population about 10 million).");

  /** Looks up a country. */
  @Tool("Looks up the capital of a country and its population")
  public String capital(@P("the country, in English") String country) {
    String fact = FACTS.get(country.strip().toLowerCase(Locale.ROOT));
    return fact == null ? "No entry for '" + country + "'." : fact;
  }
}
