package dev.frugal.tools.rag;

import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ContentRetriever} as a tool: the model sends a {@code query}, the tool
 * returns the retrieved passages, numbered, and each call costs one unit (named {@code Query} in
 * the Budget Tracker's texts) at {@link #unitPrice()}. The agent reserves the unit before the
 * retriever runs and charges it only when it succeeds; a retriever that throws is a tool error, not
 * charged. Cap the calls with {@code Budget.builder().toolUnits(name, n)} and declare the price
 * with {@link #priceIn(PriceTable.Builder)}.
 *
 * <pre>{@code
 * RetrieverTool docs = RetrieverTool.builder(contentRetriever)
 *     .name("docs").description("Searches the product manual").unitPrice(0.0005).build();
 * Agent agent = Agent.builder()
 *     .model("gpt-4o-mini", model)
 *     .prices(docs.priceIn(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60))).build())
 *     .tool(docs)
 *     .budget(Budget.builder().toolUnits("docs", 5).usd(0.02).build())
 *     .build();
 * }</pre>
 */
public final class RetrieverTool implements Tool {
  private final ContentRetriever retriever;
  private final ToolSpecification spec;
  private final double unitPrice;
  private final int maxChars;

  private RetrieverTool(Builder b) {
    this.retriever = b.retriever;
    this.unitPrice = b.unitPrice;
    this.maxChars = b.maxChars;
    this.spec =
        ToolSpecification.builder()
            .name(b.name)
            .description(b.description)
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("query", "what to look for, in a few words")
                    .required("query")
                    .build())
            .build();
  }

  /** Starts building a tool over {@code retriever}. */
  public static Builder builder(ContentRetriever retriever) {
    return new Builder(retriever);
  }

  @Override
  public ToolSpecification specification() {
    return spec;
  }

  @Override
  public UnitRule unitRule() {
    return UnitRule.perCall(1, "Query");
  }

  /** The price of one query, in dollars. */
  public double unitPrice() {
    return unitPrice;
  }

  /** Declares this tool's unit price in {@code prices} and returns it, for chaining. */
  public PriceTable.Builder priceIn(PriceTable.Builder prices) {
    return prices.tool(name(), unitPrice);
  }

  @Override
  public ToolResult execute(ToolCall call) {
    String query = call.string("query");
    if (query == null || query.isBlank()) {
      return ToolResult.error("'query' must be a non-empty string, e.g. {\"query\": \"refunds\"}");
    }
    List<Content> found = retriever.retrieve(Query.from(query.strip()));
    if (found == null || found.isEmpty()) {
      return ToolResult.ok("No passages found for \"" + query.strip() + "\".");
    }
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Content c : found) {
      String text = c.textSegment() == null ? "" : c.textSegment().text().strip();
      if (text.length() > maxChars) text = text.substring(0, maxChars) + " [...]";
      sb.append(++n).append(". ").append(text).append('\n');
    }
    return ToolResult.ok(sb.toString().stripTrailing());
  }

  /** Builds a {@link RetrieverTool}. */
  public static final class Builder {
    private final ContentRetriever retriever;
    private String name = "retrieve";
    private String description = "Retrieves passages relevant to a query from the documents";
    private double unitPrice = 0.001;
    private int maxChars = 2000;

    private Builder(ContentRetriever retriever) {
      this.retriever = Objects.requireNonNull(retriever, "retriever");
    }

    /** The tool's name, as the model and the budget see it; {@code retrieve} unless set. */
    public Builder name(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException(
            "name must be 1-64 letters, digits, '_' or '-' (what model APIs accept), got " + name);
      }
      this.name = name;
      return this;
    }

    /** What the model is told the tool searches. */
    public Builder description(String description) {
      if (description == null || description.isBlank()) {
        throw new IllegalArgumentException("description must not be blank");
      }
      this.description = description;
      return this;
    }

    /** Dollars per query; $0.001 unless set (the default price of a search). */
    public Builder unitPrice(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException(
            "unitPrice must be a finite number of dollars >= 0, got " + usd);
      }
      this.unitPrice = usd;
      return this;
    }

    /** The most characters of one passage shown to the model; 2,000 unless set. */
    public Builder maxChars(int chars) {
      if (chars < 1) throw new IllegalArgumentException("maxChars must be >= 1, got " + chars);
      this.maxChars = chars;
      return this;
    }

    /** Builds the tool. */
    public RetrieverTool build() {
      return new RetrieverTool(this);
    }
  }
}
