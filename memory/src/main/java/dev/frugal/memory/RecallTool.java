package dev.frugal.memory;

import dev.frugal.core.AgentBuilder;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.intercept.ToolInvocation;
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
 * spend before it runs).
 *
 * <p>Money: added to an agent with {@link #addTo(AgentBuilder)} (as the tool and as a tool
 * interceptor), the memory's model calls are paid from the ledger each {@code recall} call is
 * charged to, a child of the run's budget, as page memory's are ({@link PageMemory}): the run's
 * {@code usd()} includes them and its caps hold over both. Built with {@link #RecallTool(Memory,
 * Ledger)}, they are paid from a ledger the caller owns instead, outside the run's cost.
 */
public final class RecallTool implements Tool, ToolInterceptor {
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
   * A recall tool whose memory spends from {@code ledger}, which the caller owns and may cap;
   * nothing the tool does can spend past it, and the spending is not part of a run's cost.
   *
   * @param memory the memory to recall from
   * @param ledger pays the memory's model calls
   */
  public RecallTool(Memory memory, Ledger ledger) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * A recall tool metered through the run it serves: add it with {@link #addTo(AgentBuilder)}.
   *
   * @param memory the memory to recall from
   */
  public RecallTool(Memory memory) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.ledger = null;
  }

  /**
   * Adds this tool to {@code agent}, and itself as a tool interceptor so that the memory's model
   * calls are paid from the run's budget.
   *
   * @return {@code agent}
   */
  public AgentBuilder addTo(AgentBuilder agent) {
    return agent.tool(this).toolInterceptor(this);
  }

  /**
   * Passes other tools' calls on; a call of this tool goes on bound to the ledger it is charged to,
   * so the recall's model calls are paid from the same budget as its unit.
   */
  @Override
  public ToolResult intercept(ToolInterceptor.Chain chain) {
    ToolInvocation inv = chain.invocation();
    if (inv.tool() != this) return chain.proceed(inv);
    Ledger runLedger = chain.ledger();
    Tool bound =
        new Tool() {
          @Override
          public ToolSpecification specification() {
            return SPEC;
          }

          @Override
          public UnitRule unitRule() {
            return RecallTool.this.unitRule();
          }

          @Override
          public ToolResult execute(ToolCall call) {
            return recall(call, runLedger);
          }
        };
    return chain.proceed(
        new ToolInvocation(
            inv.runId(), inv.step(), bound, inv.call(), inv.units(), inv.rawArguments()));
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
    if (ledger == null) {
      return ToolResult.error(
          "this recall tool pays its memory from the run's budget and must be added with"
              + " RecallTool.addTo(AgentBuilder) (as the tool and as a tool interceptor)");
    }
    return recall(call, ledger);
  }

  private ToolResult recall(ToolCall call, Ledger ledger) {
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
