package dev.frugal.core.strategy;

import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.Answers;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import dev.frugal.core.strategy.internal.ToolTurn;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ReAct: the model thinks, calls tools, reads their results, and answers. With the Budget Tracker
 * on (an {@link dev.frugal.core.Agent} setting) the system prompt gains the budget section and
 * every tool result its status block; that is the paper's "ReAct + Budget Tracker".
 *
 * <p>The loop ends when the model answers (a turn without tool calls), when its {@link
 * StoppingRule} says the tool budget is spent (by default: any capped tool has no units left) or
 * the ledger refuses a model call (then a final answer is forced from the reserve), or at the step
 * limit (also forcing an answer). Tools the budget caps at 0 are not offered ({@link
 * RunContext#offeredTools}).
 *
 * <p>Context policy [choice]: {@link ContextPolicy#KEEP_ALL} by default; {@link
 * ContextPolicy#LATEST_TOOL_RESULT} keeps only the newest tool results in full, as the BATS paper
 * did, replacing older ones with a one-line stub.
 *
 * <p><b>Concurrency.</b> The steps are sequential (each model call reads the results of the last).
 * Within a step, a model turn that asks for several tool calls runs them at the same time when the
 * agent has an {@link dev.frugal.core.AgentBuilder#executor executor}, and appends their results in
 * the model's order; without one they run one after another, as always. Every call reserves before
 * it runs, so calls that together want more than is left cannot overspend: the ones the budget
 * cannot pay for get the usual refusal. An identical call repeated within the turn waits for the
 * first and is answered from it, as in a sequential run.
 */
public final class ReAct implements Strategy {
  /** Which tool results stay in the conversation. */
  public enum ContextPolicy {
    /** Keep the whole conversation. */
    KEEP_ALL,
    /** Keep only the latest tool result in the conversation. */
    LATEST_TOOL_RESULT
  }

  static final String ELIDED = "[earlier tool result elided to save context]";

  /**
   * Called after each iteration of the loop, once the iteration's tool results are in the
   * conversation. It may rewrite the conversation in place (BATS compacts it into a summary). It
   * must not throw for what a model or tool does.
   */
  @FunctionalInterface
  public interface IterationHook {
    /** Does nothing. */
    IterationHook NONE = (iteration, msgs) -> {};

    /**
     * @param iteration 1-based count of tool-calling iterations in this loop
     * @param msgs the conversation, which the hook may change
     */
    void afterIteration(int iteration, List<ChatMessage> msgs);
  }

  private volatile LastSystem lastSystem; // a cache: racing runs may each build their own
  private final String systemPrompt;
  private final ContextPolicy contextPolicy;
  private final Double temperature;
  private final StoppingRule stoppingRule;

  private ReAct(Builder b) {
    this.systemPrompt = b.systemPrompt;
    this.contextPolicy = b.contextPolicy;
    this.temperature = b.temperature;
    this.stoppingRule = b.stoppingRule;
  }

  /** When a spent tool budget ends the loop. */
  public StoppingRule stoppingRule() {
    return stoppingRule;
  }

  /** Starts building ReAct with the default prompt. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "react";
  }

  /** The system prompt (without the tracker section). */
  public String systemPrompt() {
    return systemPrompt;
  }

  @Override
  public Outcome run(RunContext ctx) {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(systemMessage(ctx.trackerPromptSection()));
    msgs.addAll(ctx.history()); // a conversation's earlier turns; empty for a run on its own
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    return loop(ctx, msgs);
  }

  /**
   * The system message with {@code tracker}'s section: the same object as the last run's when the
   * section reads the same (runs of one agent start from the same budget, so they usually do),
   * which saves building the prompt and counting its tokens again.
   */
  private SystemMessage systemMessage(String tracker) {
    LastSystem last = lastSystem;
    if (last != null && last.tracker.equals(tracker)) return last.message;
    SystemMessage m =
        SystemMessage.from(tracker.isEmpty() ? systemPrompt : systemPrompt + "\n\n" + tracker);
    lastSystem = new LastSystem(tracker, m);
    return m;
  }

  private record LastSystem(String tracker, SystemMessage message) {}

  /**
   * Runs the ReAct loop on an existing conversation, spending from the context's working ledger and
   * forcing the final answer from the run's reserve.
   */
  public Outcome loop(RunContext ctx, List<ChatMessage> msgs) {
    return loop(ctx, msgs, ctx.ledger(), true);
  }

  /**
   * Runs the ReAct loop on an existing conversation (other strategies use this for their attempts
   * and samples), spending from {@code ledger}. When its budget or the step limit runs out, the
   * final answer is forced from the run's reserve if {@code forceFromReserve}, else from {@code
   * ledger}.
   */
  public Outcome loop(
      RunContext ctx, List<ChatMessage> msgs, Ledger ledger, boolean forceFromReserve) {
    return loop(ctx, msgs, ledger, forceFromReserve, IterationHook.NONE);
  }

  /**
   * Like {@link #loop(RunContext, List, Ledger, boolean)}, calling {@code hook} after every
   * iteration that ran tools (and before the next model call). The loop returns at the first turn
   * without tool calls, so a caller that wants more (BATS verifying a proposed answer) can inspect
   * the answer and call the loop again on the same or a rewritten conversation.
   */
  public Outcome loop(
      RunContext ctx,
      List<ChatMessage> msgs,
      Ledger ledger,
      boolean forceFromReserve,
      IterationHook hook) {
    java.util.Objects.requireNonNull(hook, "hook");
    int iteration = 0;
    while (true) {
      if (ctx.tryNextStep() == 0) { // atomic: parallel samples share the step limit
        return forced(ctx, msgs, new StopReason.MaxSteps(ctx.steps()), ledger, forceFromReserve);
      }
      ChatResponse resp;
      try {
        resp =
            ctx.chat(
                "step",
                ChatRequest.builder()
                    .messages(msgs)
                    .toolSpecifications(ctx.offeredTools())
                    .temperature(temperature)
                    .maxOutputTokens(ctx.maxOutputTokens())
                    .build(),
                ledger);
      } catch (BudgetExceededException e) {
        return forced(ctx, msgs, StopReason.BudgetExhausted.refused(e), ledger, forceFromReserve);
      }
      AiMessage ai = resp.aiMessage();
      msgs.add(ai);
      if (!ai.hasToolExecutionRequests()) {
        return new Outcome(
            Answers.extract(ai.text()).orElse(null), new StopReason.Answered(), false);
      }
      if (contextPolicy == ContextPolicy.LATEST_TOOL_RESULT) elideToolResults(msgs);
      List<ToolExecutionRequest> calls = ai.toolExecutionRequests();
      List<RunContext.ToolOutcome> outs = ToolTurn.call(ctx, calls, ledger);
      for (int i = 0; i < calls.size(); i++) {
        msgs.add(ToolExecutionResultMessage.from(calls.get(i), outs.get(i).text()));
      }
      Optional<Cap> spent = stoppingRule.spent(ctx, ledger);
      if (spent.isPresent()) {
        return forced(
            ctx, msgs, new StopReason.BudgetExhausted(spent.get()), ledger, forceFromReserve);
      }
      hook.afterIteration(++iteration, msgs);
    }
  }

  private static Outcome forced(
      RunContext ctx, List<ChatMessage> msgs, StopReason why, Ledger ledger, boolean fromReserve) {
    Optional<String> answer = fromReserve ? ctx.forceAnswer(msgs) : ctx.forceAnswer(msgs, ledger);
    return new Outcome(answer.orElse(null), why, true);
  }

  /**
   * A tool of the registry, capped for {@code ledger}, with no units left, if any. A tool whose run
   * budget is 0 from the start (switched off) does not count. The same as {@link
   * StoppingRule#ANY_TOOL_SPENT}.
   */
  public static Optional<Cap> exhaustedTool(RunContext ctx, Ledger ledger) {
    return StoppingRule.ANY_TOOL_SPENT.spent(ctx, ledger);
  }

  private static void elideToolResults(List<ChatMessage> msgs) {
    for (int i = 0; i < msgs.size(); i++) {
      if (msgs.get(i) instanceof ToolExecutionResultMessage t && !t.text().equals(ELIDED)) {
        msgs.set(i, ToolExecutionResultMessage.from(t.id(), t.toolName(), ELIDED));
      }
    }
  }

  /** Builds a {@link ReAct} strategy. */
  public static final class Builder {
    private String systemPrompt = Prompts.load("react-system-v1");
    private ContextPolicy contextPolicy = ContextPolicy.KEEP_ALL;
    private Double temperature;
    private StoppingRule stoppingRule = StoppingRule.ANY_TOOL_SPENT;

    private Builder() {}

    /**
     * When a spent tool budget ends the loop; default {@link StoppingRule#ANY_TOOL_SPENT} (the
     * Budget Tracker's rule, shared by every strategy by default).
     */
    public Builder stoppingRule(StoppingRule rule) {
      this.stoppingRule = java.util.Objects.requireNonNull(rule, "stoppingRule");
      return this;
    }

    /** Replaces the system prompt (the tracker section is still appended when on). */
    public Builder systemPrompt(String prompt) {
      if (prompt == null || prompt.isBlank())
        throw new IllegalArgumentException("systemPrompt must not be blank");
      this.systemPrompt = prompt;
      return this;
    }

    /** How much of the conversation each step sends; {@code KEEP_ALL} unless set. */
    public Builder contextPolicy(ContextPolicy policy) {
      this.contextPolicy = java.util.Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The sampling temperature asked for on every step, in [0, 2]; unset (the default), each
     * provider uses its own. Parallel sampling sets 1.0 so that its samples differ.
     */
    public Builder temperature(double t) {
      if (!(t >= 0 && t <= 2)) {
        throw new IllegalArgumentException("temperature must be in [0, 2], got " + t);
      }
      this.temperature = t;
      return this;
    }

    /** Builds the strategy. */
    public ReAct build() {
      return new ReAct(this);
    }
  }
}
