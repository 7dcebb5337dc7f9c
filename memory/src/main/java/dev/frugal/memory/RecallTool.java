package dev.frugal.memory;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.Objects;

/**
 * {@code recall}: a {@link Memory} offered to an agent as a tool. One call is one {@code Recall}
 * unit for the agent's budget (cap it with {@code Budget.builder().toolUnits("recall", n)}, and
 * price a unit at the memory's per-query cap so the run's dollar budget holds the most a recall can
 * spend before it runs). The memory's model calls are paid from {@code ledger}, which the caller
 * owns and may cap: nothing the tool does can spend past it.
 */
public final class RecallTool implements Tool {
  /** The tool's name. */
  public static final String NAME = "recall";

  private static final ToolSpecification SPEC =
      ToolSpecification.builder()
          .name(NAME)
          .description(
              "Recall what the memory (an earlier conversation or documents) says about a"
                  + " question: returns a knowledge summary of the relevant parts, with names and"
                  + " resolved dates.")
          .parameters(
              JsonObjectSchema.builder()
                  .addProperty(
                      "query",
                      JsonStringSchema.builder()
                          .description("the question or topic to recall, in plain words")
                          .build())
                  .required("query")
                  .build())
          .build();

  private final Memory memory;
  private final Ledger ledger;

  /**
   * @param memory the memory to recall from
   * @param ledger pays the memory's model calls
   */
  public RecallTool(Memory memory, Ledger ledger) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public ToolSpecification specification() {
    return SPEC;
  }

  @Override
  public UnitRule unitRule() {
    return UnitRule.perCall(1, "Recall");
  }

  @Override
  public ToolResult execute(ToolCall call) {
    String query = call.string("query");
    if (query == null || query.isBlank()) {
      return ToolResult.error(
          "'query' is empty; give the question to recall, e.g. {\"query\":"
              + " \"when did Maria start violin lessons?\"}");
    }
    try {
      Recall r = memory.recall(query.strip(), ledger);
      return ToolResult.ok(r.summary());
    } catch (BudgetExceededException e) {
      return ToolResult.error("the memory's budget is spent: " + e.getMessage());
    }
  }
}
