package dev.frugal.core.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices used to turn token usage and tool units into the unified cost (the BATS paper (arXiv
 * 2511.17006), Budget Tracker):
 *
 * <pre>
 * C = sum over model calls (input * p_in + cached_input * p_cached + output * p_out)
 *   + sum over tools (units * p_tool)
 * </pre>
 *
 * <p>Model prices are per million tokens; tool prices are per unit. A model without a price is an
 * {@link UnknownModelException} unless a default model price is set. A tool without a declared
 * price costs the default tool price, {@link #DEFAULT_TOOL_UNIT_USD} ($0.001 per unit, the BATS
 * paper's price of a search or browse) unless {@link Builder#defaultTool} changes it; declare
 * local, free tools with {@code tool(name, 0)}. Which tools were priced by default is never hidden:
 * {@link #toolPrice(String)} says so, the agent logs a warning when it is built, and every {@code
 * RunResult} lists the price each tool was charged at.
 *
 * <p>JSON form ({@link #fromJson(InputStream)}):
 *
 * <pre>{@code
 * {"models": {"gpt-4o-mini": {"input": 0.15, "cachedInput": 0.075, "output": 0.60}},
 *  "defaultModel": {"input": 1.0, "output": 4.0},
 *  "tools": {"search": 0.001},
 *  "defaultTool": 0.001}
 * }</pre>
 */
public final class PriceTable {
  /** The default price of one tool unit, from the BATS paper: $0.001 per search or browse unit. */
  public static final double DEFAULT_TOOL_UNIT_USD = 0.001;

  private final Map<String, ModelPrice> models;
  private final ModelPrice defaultModel;
  private final Map<String, Long> toolPicos;
  private final long defaultToolPicos;

  private PriceTable(Builder b) {
    this.models = Map.copyOf(b.models);
    this.defaultModel = b.defaultModel;
    this.toolPicos = Map.copyOf(b.toolPicos);
    this.defaultToolPicos = b.defaultToolPicos;
  }

  /** Starts an empty price table (tools at the default price). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The dated catalog of published model prices bundled with agent-core (OpenAI, Anthropic, Gemini,
   * Mistral; each row with its source and date). Opt-in: a price table never reads it unless {@link
   * Builder#fromCatalog(String...)} names the models to copy from it.
   */
  public static PriceCatalog catalog() {
    return PriceCatalog.bundled();
  }

  /** The price of a model, or an {@link UnknownModelException} naming the priced models. */
  public ModelPrice model(String model) {
    ModelPrice p = models.get(model);
    if (p != null) return p;
    if (defaultModel != null) return defaultModel;
    throw new UnknownModelException(model, new TreeMap<>(models).keySet());
  }

  /** True when {@link #model(String)} would return a price. */
  public boolean prices(String model) {
    return models.containsKey(model) || defaultModel != null;
  }

  /** The explicitly priced models. */
  public Map<String, ModelPrice> models() {
    return models;
  }

  /** The price of any model not listed, if set. */
  public Optional<ModelPrice> defaultModel() {
    return Optional.ofNullable(defaultModel);
  }

  /** The price of one unit of a tool, in pico-dollars. */
  public long toolUnitPicos(String tool) {
    return toolPicos.getOrDefault(tool, defaultToolPicos);
  }

  /** The price of one unit of a tool, in dollars. */
  public double toolUnitUsd(String tool) {
    return Money.usd(toolUnitPicos(tool));
  }

  /** The price of one unit of a tool and whether it was declared or is the default. */
  public ToolPrice toolPrice(String tool) {
    return new ToolPrice(toolUnitUsd(tool), toolPicos.containsKey(tool));
  }

  /** The tool prices declared in this table, in dollars per unit, by tool name. */
  public Map<String, Double> toolPrices() {
    Map<String, Double> out = new TreeMap<>();
    toolPicos.forEach((t, p) -> out.put(t, Money.usd(p)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The price of one unit of any tool this table does not name, in dollars. */
  public double defaultToolUnitUsd() {
    return Money.usd(defaultToolPicos);
  }

  /** Reads a price table from JSON (see the class comment for the format). */
  public static PriceTable fromJson(InputStream in) {
    try {
      return fromJson(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("price table is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a price table from a JSON file. */
  public static PriceTable fromJson(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price table " + file + ": " + e.getMessage(), e);
    }
  }

  private static PriceTable fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "price table must be a JSON object with \"models\", \"tools\", \"defaultModel\","
              + " \"defaultTool\"");
    }
    Builder b = builder();
    JsonNode models = root.path("models");
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.model(e.getKey(), modelPrice("models." + e.getKey(), e.getValue()));
    }
    if (root.has("defaultModel")) {
      b.defaultModel(modelPrice("defaultModel", root.get("defaultModel")));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tools").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.tool(e.getKey(), number("tools." + e.getKey(), e.getValue()));
    }
    if (root.has("defaultTool")) {
      b.defaultTool(number("defaultTool", root.get("defaultTool")));
    }
    return b.build();
  }

  private static ModelPrice modelPrice(String where, JsonNode n) {
    if (!n.isObject() || !n.has("input") || !n.has("output")) {
      throw new IllegalArgumentException(
          where
              + " must be an object with numeric \"input\" and \"output\" (USD per 1M tokens)"
              + " and optional \"cachedInput\", got "
              + n);
    }
    double in = number(where + ".input", n.get("input"));
    double cached =
        n.has("cachedInput") ? number(where + ".cachedInput", n.get("cachedInput")) : in;
    return new ModelPrice(in, cached, number(where + ".output", n.get("output")));
  }

  private static double number(String where, JsonNode n) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(where + " must be a number, got " + n);
    }
    return n.asDouble();
  }

  /** Builds a {@link PriceTable}. */
  public static final class Builder {
    private final Map<String, ModelPrice> models = new TreeMap<>();
    private ModelPrice defaultModel;
    private final Map<String, Long> toolPicos = new TreeMap<>();
    private long defaultToolPicos = Money.picos(DEFAULT_TOOL_UNIT_USD);

    private Builder() {}

    /** The price of a model, in dollars per million tokens. */
    public Builder model(String model, ModelPrice price) {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model name must not be blank");
      }
      models.put(model, java.util.Objects.requireNonNull(price, "price"));
      return this;
    }

    /**
     * Prices each of {@code models} at its row of the bundled {@link PriceTable#catalog()}, as if
     * {@link #model(String, ModelPrice)} were called with it (a later {@code model(...)} call for
     * the same name overrides it). Check the row's date and source: published prices change.
     *
     * @throws IllegalArgumentException for a model the catalog does not list, naming those it does
     */
    public Builder fromCatalog(String... models) {
      PriceCatalog catalog = PriceCatalog.bundled();
      for (String m : models) {
        model(m, catalog.get(m).price());
      }
      return this;
    }

    /** The price used for any model not listed; without it an unknown model is an error. */
    public Builder defaultModel(ModelPrice price) {
      defaultModel = java.util.Objects.requireNonNull(price, "price");
      return this;
    }

    /** The price of one unit of a tool, in dollars; {@code 0} for a free, local tool. */
    public Builder tool(String tool, double usdPerUnit) {
      if (tool == null || tool.isBlank()) {
        throw new IllegalArgumentException("tool name must not be blank");
      }
      toolPicos.put(tool, toolPrice("tool(" + tool + ")", usdPerUnit));
      return this;
    }

    /** The price of one unit of any tool not listed; $0.001 unless set. */
    public Builder defaultTool(double usdPerUnit) {
      defaultToolPicos = toolPrice("defaultTool", usdPerUnit);
      return this;
    }

    /** Builds the price table. */
    public PriceTable build() {
      return new PriceTable(this);
    }

    private static long toolPrice(String setting, double usd) {
      if (Double.isNaN(usd) || Double.isInfinite(usd) || usd < 0) {
        throw new IllegalArgumentException(
            setting + " must be a finite, non-negative USD price per unit, got " + usd);
      }
      return Money.picos(usd);
    }
  }
}
