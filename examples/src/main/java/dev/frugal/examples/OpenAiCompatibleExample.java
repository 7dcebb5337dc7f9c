package dev.frugal.examples;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * The README's Java API example: a budget-capped ReAct agent with one {@code @Tool}, against any
 * OpenAI-compatible server.
 *
 * <pre>
 * FRUGAL_API_KEY=... java ... dev.frugal.examples.OpenAiCompatibleExample https://api.openai.com/v1 gpt-4o-mini
 * </pre>
 */
public final class OpenAiCompatibleExample {

  /** A tool: LangChain4j's annotations are all it takes. */
  public static final class Arithmetic {
    @Tool("Multiplies two numbers")
    public double multiply(@P("a") double a, @P("b") double b) {
      return a * b;
    }
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: OpenAiCompatibleExample BASE_URL MODEL (key in FRUGAL_API_KEY)");
      System.exit(2);
    }
    String key = System.getenv().getOrDefault("FRUGAL_API_KEY", System.getenv("OPENAI_API_KEY"));
    if (key == null) {
      System.err.println("set FRUGAL_API_KEY (or OPENAI_API_KEY) to the server's API key");
      System.exit(2);
    }
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(args[0])
            .apiKey(key)
            .modelName(args[1])
            .maxRetries(0) // Frugal retries within budget itself
            .build();

    Agent agent =
        Agent.builder()
            .model(args[1], model)
            .prices(
                PriceTable.builder()
                    .defaultModel(ModelPrice.of(0.15, 0.60))
                    .tool("multiply", 0) // a local tool: free
                    .build())
            .toolsFrom(new Arithmetic())
            .budget(Budget.builder().toolUnits("multiply", 3).usd(0.01).build())
            .build();

    RunResult r = agent.run("What is 12.5 times 8, times 3?");
    System.out.println("answer: " + r.answer().orElse("(none)"));
    System.out.println("stopped: " + r.stopReason().describe());
    System.out.println(r.costBreakdown());
  }
}
