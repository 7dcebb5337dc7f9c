package dev.frugal.core.strategy;

import dev.frugal.core.RunContext;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Money;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Parallel sampling with majority vote, the budget-matched baseline of the BATS and BAVT papers: N
 * independent ReAct runs, each in a child ledger holding 1/N of every cap of the working budget,
 * then a vote over their answers ({@link AnswerVote}).
 *
 * <p>The samples are independent (each has its own conversation and its own memory of repeated
 * calls) and run one after another on the caller's thread, or all at once on the agent's {@link
 * dev.frugal.core.Agent.Builder#executor executor} when one is set; their total spending can never
 * exceed the run's budget, because every sample's ledger is a child of the run's. Default N = 3
 * [choice].
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
    return "parallel-majority";
  }

  @Override
  public Outcome run(RunContext ctx) {
    Budget share = share(ctx.ledger());
    List<Outcome> outcomes =
        ctx.executor().isPresent() && samples > 1
            ? concurrently(ctx, share, ctx.executor().get())
            : oneAfterAnother(ctx, share);
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

  private List<Outcome> oneAfterAnother(RunContext ctx, Budget share) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 1; i <= samples && !ctx.cancelled(); i++) {
      outcomes.add(sample(ctx, share, i));
      if (ctx.steps() >= ctx.maxSteps()) break;
    }
    return outcomes;
  }

  /**
   * Every sample at once on the agent's executor; waits for all of them (so none outlives the run)
   * and rethrows the first failure that ends a run (model failure, cancellation, store down).
   */
  private List<Outcome> concurrently(RunContext ctx, Budget share, Executor executor) {
    List<CompletableFuture<Outcome>> running = new ArrayList<>();
    for (int i = 1; i <= samples; i++) {
      int n = i;
      running.add(CompletableFuture.supplyAsync(() -> sample(ctx, share, n), executor));
    }
    List<Outcome> outcomes = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<Outcome> f : running) {
      try {
        outcomes.add(f.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) throw failure;
    return outcomes;
  }

  private Outcome sample(RunContext ctx, Budget share, int i) {
    Ledger ledger = ctx.ledger().child(share);
    ctx.note("sample", "sample " + i + " of " + samples + " with " + share);
    List<ChatMessage> msgs = new ArrayList<>();
    String tracker = ctx.trackerPromptSection(ledger);
    msgs.add(
        SystemMessage.from(react.systemPrompt() + (tracker.isEmpty() ? "" : "\n\n" + tracker)));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    Outcome o = react.loop(ctx, msgs, ledger, false);
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

  /** 1/N of every cap of the working ledger (at least one unit of each capped tool). */
  private Budget share(Ledger working) {
    Budget b = working.budget();
    Budget.Builder s = Budget.builder();
    b.toolUnitCaps().forEach((t, v) -> s.toolUnits(t, Math.max(1, v / samples)));
    b.inputTokens().ifPresent(v -> s.inputTokens(v / samples));
    b.outputTokens().ifPresent(v -> s.outputTokens(v / samples));
    b.totalTokens().ifPresent(v -> s.totalTokens(v / samples));
    b.usdPicos().ifPresent(v -> s.usd(Money.usd(v / samples)));
    b.modelCallCaps().forEach((m, v) -> s.modelCalls(m, Math.max(1, v / samples)));
    return s.build();
  }
}
