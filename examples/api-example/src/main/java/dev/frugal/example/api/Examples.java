package dev.frugal.example.api;

import dev.frugal.core.Agent;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunResult;
import dev.frugal.core.TypedResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.router.Baselines;
import dev.frugal.router.RoutedSelector;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/**
 * Four agents over one OpenAI-compatible server, each a few statements of public API: ReAct, BATS,
 * a routed small/large pair and a typed answer. Every agent declares its prices (models per million
 * tokens, the local tool free) and its budget.
 */
public final class Examples {
  /** The small model's name, as the server and the price table know it. */
  public static final String SMALL = "gpt-4o-mini";

  /** The large model's name. */
  public static final String LARGE = "gpt-4o";

  /** Prices of both models and of the free, local {@code capital} tool. */
  public static final PriceTable PRICES =
      PriceTable.builder()
          .model(SMALL, ModelPrice.of(0.15, 0.60))
          .model(LARGE, ModelPrice.of(2.50, 10.00))
          .tool("capital", 0)
          .build();

  /** The typed answer of {@link #typed}. */
  public record Capital(String city, String country, long population) {}

  private final String baseUrl;
  private final String apiKey;

  /**
   * Examples against the server at {@code baseUrl} (e.g. {@code https://api.openai.com/v1}).
   *
   * @param baseUrl the OpenAI-compatible endpoint
   * @param apiKey the key sent to it
   */
  public Examples(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /**
   * A model of the server; Frugal retries within budget, so LangChain4j's own retries are off.
   *
   * @param name the model's name
   * @return the model
   */
  public OpenAiChatModel model(String name) {
    return OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .modelName(name)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * ReAct with the Budget Tracker (the default strategy) and one tool.
   *
   * @param question what to answer
   * @return the run
   */
  public RunResult react(String question) {
    return Agent.builder()
        .model(SMALL, model(SMALL))
        .prices(PRICES)
        .toolsFrom(new Almanac())
        .budget(Budget.builder().toolUnits("capital", 3).usd(0.01).build())
        .build()
        .run(question);
  }

  /**
   * BATS: a plan, attempts and a verifier, in its early-stop mode.
   *
   * @param question what to answer
   * @return the run
   */
  public RunResult bats(String question) {
    return Agent.builder()
        .model(SMALL, model(SMALL))
        .prices(PRICES)
        .toolsFrom(new Almanac())
        .strategy(Bats.builder().mode(Bats.Mode.EARLY_STOP).build())
        .budget(Budget.builder().toolUnits("capital", 5).usd(0.02).build())
        .build()
        .run(question);
  }

  /**
   * A routed pair: the first step on the large model, the rest on the small one (First-Large(1)),
   * at most two large calls. A heuristic router: DJL is not needed and not loaded.
   *
   * @param question what to answer
   * @return the run
   */
  public RunResult routed(String question) {
    RoutedSelector router =
        RoutedSelector.builder()
            .small(new NamedModel(SMALL, model(SMALL)))
            .large(new NamedModel(LARGE, model(LARGE)))
            .policy(Baselines.firstLarge(1))
            .build();
    return Agent.builder()
        .modelSelector(router)
        .prices(PRICES)
        .toolsFrom(new Almanac())
        .budget(Budget.builder().toolUnits("capital", 3).modelCalls(LARGE, 2).usd(0.05).build())
        .build()
        .run(question);
  }

  /**
   * A typed answer: the run's answer as a {@link Capital}, through the model's JSON-schema response
   * format.
   *
   * @param question what to answer
   * @return the typed value and the run
   */
  public TypedResult<Capital> typed(String question) {
    return Agent.builder()
        .model(SMALL, model(SMALL))
        .prices(PRICES)
        .toolsFrom(new Almanac())
        .budget(Budget.builder().toolUnits("capital", 3).usd(0.01).build())
        .build()
        .run(question, Capital.class);
  }

  /**
   * Runs all four against {@code FRUGAL_BASE_URL} with {@code FRUGAL_API_KEY}.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    String url = System.getenv().getOrDefault("FRUGAL_BASE_URL", "https://api.openai.com/v1");
    Examples ex = new Examples(url, System.getenv("FRUGAL_API_KEY"));
    String q = "What is the capital of France, and how many people live there?";
    for (RunResult r : new RunResult[] {ex.react(q), ex.bats(q), ex.routed(q)}) {
      System.out.println(r.answer().orElse("(no answer)") + "\n" + r.costBreakdown());
    }
    TypedResult<Capital> t = ex.typed(q);
    System.out.println(t.value() + "\n" + t.result().costBreakdown());
  }
}
