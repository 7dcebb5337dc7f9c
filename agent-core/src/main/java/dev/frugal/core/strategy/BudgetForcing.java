package dev.frugal.core.strategy;

import dev.frugal.core.Strategy;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential budget forcing, a baseline of the the BATS paper (arXiv 2511.17006): ReAct, except
 * that when the model answers while budget remains it is told "you still have budget, keep
 * exploring" and the loop goes on; after {@code maxRefusals} such refusals (default 5, as in the
 * paper) its next answer is accepted.
 *
 * <p>"Budget remains" means that no capped tool is at 0 and the step limit is not reached; when a
 * tool runs out the ReAct loop itself forces the final answer. A refused answer stays in the
 * conversation, followed by the nudge (the prompt resource {@code budget-forcing-nudge-v1}) and,
 * with the Budget Tracker on, the current status block.
 */
public final class BudgetForcing implements Strategy {
  /** The paper's number of refusals before an answer is accepted. */
  public static final int DEFAULT_REFUSALS = 5;

  private final ReAct react;
  private final int maxRefusals;
  private final String nudge;

  private BudgetForcing(ReAct react, int maxRefusals) {
    if (maxRefusals < 0) {
      throw new IllegalArgumentException("maxRefusals must be >= 0, got " + maxRefusals);
    }
    this.react = java.util.Objects.requireNonNull(react, "react");
    this.maxRefusals = maxRefusals;
    this.nudge = Prompts.load("budget-forcing-nudge-v1");
  }

  /** Budget forcing over default ReAct, refusing {@value #DEFAULT_REFUSALS} answers. */
  public static BudgetForcing withDefaults() {
    return new BudgetForcing(ReAct.builder().build(), DEFAULT_REFUSALS);
  }

  /** Budget forcing over {@code react}, refusing up to {@code maxRefusals} answers (>= 0). */
  public static BudgetForcing of(ReAct react, int maxRefusals) {
    return new BudgetForcing(react, maxRefusals);
  }

  @Override
  public String name() {
    return "budget-forcing";
  }

  /** How many early answers are refused before one is accepted. */
  public int maxRefusals() {
    return maxRefusals;
  }

  @Override
  public Outcome run(RunContext ctx) {
    List<ChatMessage> msgs = new ArrayList<>();
    String tracker = ctx.trackerPromptSection();
    msgs.add(
        SystemMessage.from(
            tracker.isEmpty() ? react.systemPrompt() : react.systemPrompt() + "\n\n" + tracker));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    int refusals = 0;
    while (true) {
      Outcome o = react.loop(ctx, msgs);
      boolean budgetLeft =
          !o.forced()
              && ctx.steps() < ctx.maxSteps()
              && ReAct.exhaustedTool(ctx, ctx.ledger()).isEmpty()
              && !ctx.cancelled();
      if (!budgetLeft || refusals >= maxRefusals) {
        if (refusals > 0) {
          ctx.note("forcing", "answer accepted after " + refusals + " refusal(s)");
        }
        return o;
      }
      refusals++;
      ctx.note(
          "forcing",
          "refused answer "
              + (o.answer() == null ? "(none)" : o.answer())
              + " ("
              + refusals
              + " of "
              + maxRefusals
              + "): budget remains");
      String block = ctx.statusBlock();
      msgs.add(UserMessage.from(block.isEmpty() ? nudge : nudge + "\n" + block));
    }
  }
}
