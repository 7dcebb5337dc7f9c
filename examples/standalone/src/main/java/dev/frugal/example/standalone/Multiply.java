package dev.frugal.example.standalone;

import dev.frugal.core.Agent;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** The README's first agent, as a user's own project writes it against the BOM. */
public final class Multiply {
  private Multiply() {}

  /** A local tool, free of charge. */
  public static final class Arithmetic {
    /** Multiplies two numbers. */
    @Tool("Multiplies two numbers")
    public double multiply(double a, double b) {
      return a * b;
    }
  }

  /** An agent on the OpenAI-compatible server at {@code baseUrl}, with a dollar and a tool cap. */
  public static Agent agent(String baseUrl, String apiKey) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    return Agent.builder()
        .model("gpt-4o-mini", model)
        .prices(
            PriceTable.builder()
                .model("gpt-4o-mini", ModelPrice.of(0.15, 0.60))
                .tool("multiply", 0)
                .build())
        .toolsFrom(new Arithmetic())
        .budget(Budget.builder().toolUnits("multiply", 3).usd(0.01).build())
        .build();
  }
}
