package dev.frugal.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code frugal.*} properties the starter builds its agent from (README, "Spring Boot").
 *
 * <pre>
 * frugal.model.base-url=http://127.0.0.1:8080/v1
 * frugal.model.name=gpt-4o-mini
 * frugal.model.api-key=${OPENAI_API_KEY}
 * frugal.prices.input-per-million=0.15
 * frugal.prices.output-per-million=0.60
 * frugal.budget.usd=0.05
 * frugal.budget.per-user.usd=1.00
 * frugal.budget.per-user.window=day
 * frugal.strategy=react+tracker
 * </pre>
 */
@ConfigurationProperties(prefix = "frugal")
public class FrugalProperties {
  private final Model model = new Model();
  private final Prices prices = new Prices();
  private final BudgetCaps budget = new BudgetCaps();

  /**
   * Where shared budgets live: empty for this process's memory, or a {@code redis://host:port} URL
   * for a Redis store shared by every instance of the application.
   */
  private String budgetStore;

  /** The strategy: react, react+tracker (default), budget-forcing, bats or bavt. */
  private String strategy = "react+tracker";

  /** The most steps (model calls of the strategy's loop) one run may take. */
  private Integer maxSteps;

  /** A system prompt for every run. */
  private String systemPrompt;

  public Model getModel() {
    return model;
  }

  public Prices getPrices() {
    return prices;
  }

  public BudgetCaps getBudget() {
    return budget;
  }

  public String getBudgetStore() {
    return budgetStore;
  }

  public void setBudgetStore(String budgetStore) {
    this.budgetStore = budgetStore;
  }

  public String getStrategy() {
    return strategy;
  }

  public void setStrategy(String strategy) {
    this.strategy = strategy;
  }

  public Integer getMaxSteps() {
    return maxSteps;
  }

  public void setMaxSteps(Integer maxSteps) {
    this.maxSteps = maxSteps;
  }

  public String getSystemPrompt() {
    return systemPrompt;
  }

  public void setSystemPrompt(String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  /** An OpenAI-compatible chat model (OpenAI, vLLM, Ollama's /v1, a local gateway). */
  public static class Model {
    /** The API's base URL, e.g. {@code https://api.openai.com/v1}. */
    private String baseUrl;

    /** The model's name as the API knows it; also the name prices and caps use. */
    private String name;

    /** The API key; local servers often accept any. */
    private String apiKey = "none";

    /** How long one model call may take. */
    private Duration timeout;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /**
   * The model's price in dollars per million tokens; when both are unset the model must be one of
   * agent-core's bundled price catalog. Tools are priced per unit by {@code tools.NAME}.
   */
  public static class Prices {
    private Double inputPerMillion;
    private Double outputPerMillion;
    private final Map<String, Double> tools = new LinkedHashMap<>();

    public Double getInputPerMillion() {
      return inputPerMillion;
    }

    public void setInputPerMillion(Double inputPerMillion) {
      this.inputPerMillion = inputPerMillion;
    }

    public Double getOutputPerMillion() {
      return outputPerMillion;
    }

    public void setOutputPerMillion(Double outputPerMillion) {
      this.outputPerMillion = outputPerMillion;
    }

    public Map<String, Double> getTools() {
      return tools;
    }
  }

  /** The caps of one run, and of each user's shared scope. */
  public static class BudgetCaps extends Caps {
    private final PerUser perUser = new PerUser();

    public PerUser getPerUser() {
      return perUser;
    }
  }

  /** Caps in dollars, tokens and tool units; unset ones do not limit. */
  public static class Caps {
    private Double usd;
    private Long inputTokens;
    private Long outputTokens;
    private Long totalTokens;
    private final Map<String, Long> toolUnits = new LinkedHashMap<>();

    public Double getUsd() {
      return usd;
    }

    public void setUsd(Double usd) {
      this.usd = usd;
    }

    public Long getInputTokens() {
      return inputTokens;
    }

    public void setInputTokens(Long inputTokens) {
      this.inputTokens = inputTokens;
    }

    public Long getOutputTokens() {
      return outputTokens;
    }

    public void setOutputTokens(Long outputTokens) {
      this.outputTokens = outputTokens;
    }

    public Long getTotalTokens() {
      return totalTokens;
    }

    public void setTotalTokens(Long totalTokens) {
      this.totalTokens = totalTokens;
    }

    public Map<String, Long> getToolUnits() {
      return toolUnits;
    }
  }

  /** Each user's shared scope {@code user:KEY/WINDOW} (see {@link FrugalScopeResolver}). */
  public static class PerUser extends Caps {
    /** The period the caps apply to: day, month or none. */
    private String window = "day";

    /** How long a reservation waits for room held by the user's other runs; zero refuses. */
    private Duration wait = Duration.ZERO;

    public String getWindow() {
      return window;
    }

    public void setWindow(String window) {
      this.window = window;
    }

    public Duration getWait() {
      return wait;
    }

    public void setWait(Duration wait) {
      this.wait = wait;
    }
  }
}
