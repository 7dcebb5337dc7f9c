package dev.frugal.core.strategy;

import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Money;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.AnswerVote;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Parallel sampling with majority vote, the budget-matched baseline of the BATS and BAVT papers: N
 * independent ReAct runs, each in a child ledger holding 1/N of every cap of the working budget
 * (leftover units handed to the first samples, so that the shares add up to the budget), then a
 * vote over their answers ({@link AnswerVote}). Each sample stops by its ReAct's {@link
 * StoppingRule}, the rule shared with the other strategies.
 *
 * <p>The samples are independent (each has its own conversation and its own memory of repeated
 * calls) and run one after another on the caller's thread, or all at once on the agent's {@link
 * dev.frugal.core.AgentBuilder#executor executor} when one is set; their total spending can never
 * exceed the run's budget, because every sample's ledger is a child of the run's. With an executor,
 * a sample's model turn that asks for several tool calls also runs them at once (see {@link
 * ReAct}); the sample's own thread runs whatever calls the executor has not started, so a bounded
 * executor busy with the samples cannot deadlock them. Default N = 3 [choice].
 */
public final class ParallelMajority implements Strategy {
  private final int samples;
  private final ReAct react;

  private ParallelMajority(int samples, ReAct react) {
    if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    this.samples = samples;
    this.react = react;
  }

  /**
   * {@code samples} ReAct samples drawn at temperature 1.0 [choice: the usual setting for sampling
   * several answers to vote over; at temperature 0 the samples of a deterministic model would all
   * be the same run].
   */
  public static ParallelMajority of(int samples) {
    return new ParallelMajority(samples, ReAct.builder().temperature(1.0).build());
  }

  /** {@code samples} samples of the given ReAct. */
  public static ParallelMajority of(int samples, ReAct react) {
    return new ParallelMajority(samples, react);
  }

  @Override
  public String name() {
    return "parallel-majority" + (react.stoppingRule() == StoppingRule.TOTAL_SPENT ? "-total" : "");
  }

  @Override
  public Outcome run(RunContext ctx) {
    List<Outcome> outcomes =
        ctx.executor().isPresent() && samples > 1
            ? concurrently(ctx, ctx.executor().get())
            : oneAfterAnother(ctx);
    List<String> answers = new ArrayList<>();
    StopReason last = new StopReason.Answered();
    boolean anyForced = false;
    for (Outcome o : outcomes) {
      if (o.answer() != null) answers.add(o.answer());
      anyForced |= o.forced();
      last = o.reason();
    }
    Map<String, Integer> counts = AnswerVote.counts(answers);
    ctx.note("vote", counts.toString());
    String winner = AnswerVote.majority(answers).orElse(null);
    StopReason reason = winner != null ? new StopReason.Answered() : last;
    return new Outcome(winner, reason, winner == null && anyForced);
  }

  private List<Outcome> oneAfterAnother(RunContext ctx) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 1; i <= samples && !ctx.cancelled(); i++) {
      outcomes.add(sample(ctx, i));
      if (ctx.steps() >= ctx.maxSteps()) break;
    }
    return outcomes;
  }

  /**
   * Every sample at once on the agent's executor; waits for all of them (so none outlives the run)
   * and rethrows the first failure that ends a run (model failure, cancellation, store down).
   */
  private List<Outcome> concurrently(RunContext ctx, Executor executor) {
    List<java.util.function.Supplier<Outcome>> all = new ArrayList<>();
    for (int i = 1; i <= samples; i++) {
      int n = i;
      all.add(() -> sample(ctx, n));
    }
    // the caller runs the samples the executor has not started: a batch of runs on the same
    // bounded executor (Agent.runAll) cannot starve it
    return dev.frugal.core.strategy.internal.CallerRuns.all(all, executor);
  }

  /** Sample {@code i} (1-based) with its own share of the working budget. */
  private Outcome sample(RunContext ctx, int i) {
    Budget share = share(ctx.ledger().budget(), samples, i - 1);
    Ledger ledger = ctx.ledger().child(share);
    ctx.note("sample", "sample " + i + " of " + samples + " with " + share);
    List<ChatMessage> msgs = new ArrayList<>();
    String tracker = ctx.trackerPromptSection(ledger);
    msgs.add(
        SystemMessage.from(react.systemPrompt() + (tracker.isEmpty() ? "" : "\n\n" + tracker)));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    Outcome o;
    try (var scope = ctx.scope("sample", "sample " + i + " of " + samples)) {
      o = react.loop(ctx, msgs, ledger, false);
    }
    ctx.note(
        "sample",
        "sample "
            + i
            + " answered "
            + (o.answer() == null ? "(none)" : o.answer())
            + " ("
            + o.reason().describe()
            + ")");
    return o;
  }

  /**
   * Sample {@code index}'s share (0-based) of every cap of {@code b}: {@code v / n}, plus one of
   * the {@code v mod n} leftover units for each of the first {@code v mod n} samples, so that the
   * shares add up to the whole budget (5 query units over 3 samples: 2, 2, 1; before this change
   * each got 1 and 2 of the 5 were never used). A capped tool and a model-call cap give every
   * sample at least one unit (unless the cap is 0: the tool is switched off).
   */
  static Budget share(Budget b, int n, int index) {
    Budget.Builder s = Budget.builder();
    b.toolUnitCaps().forEach((t, v) -> s.toolUnits(t, v == 0 ? 0 : Math.max(1, part(v, n, index))));
    b.inputTokens().ifPresent(v -> s.inputTokens(part(v, n, index)));
    b.outputTokens().ifPresent(v -> s.outputTokens(part(v, n, index)));
    b.totalTokens().ifPresent(v -> s.totalTokens(part(v, n, index)));
    b.usdPicos().ifPresent(v -> s.usd(Money.usd(part(v, n, index))));
    b.modelCallCaps()
        .forEach((m, v) -> s.modelCalls(m, v == 0 ? 0 : Math.max(1, part(v, n, index))));
    return s.build();
  }

  /** {@code v / n}, plus 1 for the first {@code v mod n} indices. */
  static long part(long v, int n, int index) {
    return v / n + (index < v % n ? 1 : 0);
  }
}
