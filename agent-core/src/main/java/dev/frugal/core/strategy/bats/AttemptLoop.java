package dev.frugal.core.strategy.bats;

import dev.frugal.core.ModelFailureException;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.strategy.internal.AnswerVote;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One BATS run: attempts of ReAct + Budget Tracker, each ended by a proposed answer and its
 * verification, until a stopping rule holds; then the final selection. All calls are charged to the
 * run's working ledger ({@link RunContext#ledger()}), shared by every attempt, so attempts also
 * share the memory of tool calls already made (a repeated call is answered free).
 *
 * <p>Stopping rules, checked before every attempt and after every verification: early-stop mode and
 * a SUCCESS; verification off and a proposed answer; no usable verification; an attempt forced to
 * answer because a tool budget or the step limit ran out; a capped tool at 0; the step limit;
 * {@code maxAttempts}; and a stall: an answer already among the candidates proposed again without
 * any tool unit spent since the last verification, which ends the run without verifying it again
 * [choice]. An answer forced when no other candidate exists is kept without verification, since
 * nothing else could be selected [choice]. A CONTINUE after no tool unit was spent is taken as a
 * PIVOT [choice], so a model that re-answers without searching cannot loop on the same path.
 */
final class AttemptLoop {
  private static final String SYSTEM = Prompts.load("bats-system-v1");
  private static final String PLANNING = Prompts.load("bats-planning-v1");
  private static final String SUMMARY_SYSTEM = Prompts.load("bats-summary-system-v1");
  private static final String SUMMARY_REQUEST = Prompts.load("bats-summary-request-v1");

  private final Bats config;
  private final ReAct react;
  private final RunContext ctx;
  private final String system;
  private final Verifier verifier;
  private final List<Candidate> candidates = new ArrayList<>();
  private final Findings findings = new Findings();
  private Optional<Plan> plan = Optional.empty();
  private Optional<LivingPlan> living = Optional.empty();
  private StopReason lastReason = new StopReason.Answered();

  AttemptLoop(Bats config, ReAct react, RunContext ctx) {
    this.config = config;
    this.react = react;
    this.ctx = ctx;
    String base = config.planning() ? SYSTEM + "\n\n" + PLANNING : SYSTEM;
    String tracker = ctx.trackerPromptSection();
    this.system = tracker.isEmpty() ? base : base + "\n\n" + tracker;
    this.verifier = new Verifier(config.jsonRetries());
  }

  /** The result of one attempt: either the notes that start the next, or why the run stops. */
  private record Next(String seed, String stop) {
    static Next with(String seed) {
      return new Next(seed, null);
    }

    static Next stop(String why) {
      return new Next(null, why);
    }
  }

  Strategy.Outcome run() {
    if (config.planning()) {
      plan = new Planner(config.jsonRetries()).plan(ctx, system);
      living = plan.map(LivingPlan::new);
    }
    String seed = null;
    String why;
    int attempt = 0;
    try {
      while (true) {
        Optional<String> blocked = blocked(attempt);
        if (blocked.isPresent()) {
          why = blocked.get();
          break;
        }
        attempt++;
        ctx.note(
            "attempt",
            "attempt "
                + attempt
                + (seed == null
                    ? " starts from the question"
                    : " starts from the notes of attempt " + (attempt - 1)));
        Next next;
        try (var scope = ctx.scope("attempt", "attempt " + attempt)) {
          next = attempt(attempt, seed);
        }
        if (next.stop() != null) {
          why = next.stop();
          break;
        }
        seed = next.seed();
      }
    } catch (ModelFailureException e) {
      if (candidates.isEmpty()) throw e;
      lastReason = new StopReason.ModelFailure(e.getMessage());
      why = "a model call failed for good (" + e.getMessage() + "); selecting among the candidates";
    }
    ctx.note("stop", why);
    if (lastReason instanceof StopReason.Cancelled) {
      return new Strategy.Outcome(null, lastReason, false);
    }
    Optional<Candidate> chosen = new FinalSelection().select(ctx, config.selection(), candidates);
    StopReason reason =
        lastReason instanceof StopReason.Answered ? new StopReason.Answered() : lastReason;
    return chosen
        .map(c -> new Strategy.Outcome(c.answer(), reason, c.forced()))
        .orElseGet(() -> new Strategy.Outcome(null, reason, false));
  }

  private Optional<String> blocked(int attemptsDone) {
    if (ctx.cancelled()) {
      lastReason = new StopReason.Cancelled();
      return Optional.of("cancelled");
    }
    Optional<Cap> spent = react.stoppingRule().spent(ctx, ctx.ledger());
    if (spent.isPresent()) {
      lastReason = new StopReason.BudgetExhausted(spent.get());
      return Optional.of("budget spent: " + spent.get().describe());
    }
    if (ctx.steps() >= ctx.maxSteps()) {
      lastReason = new StopReason.MaxSteps(ctx.steps());
      return Optional.of("step limit reached (" + ctx.steps() + ")");
    }
    if (attemptsDone >= config.maxAttempts()) {
      return Optional.of("max attempts reached (" + config.maxAttempts() + ")");
    }
    return Optional.empty();
  }

  private Next attempt(int attempt, String seed) {
    List<ChatMessage> msgs = start(seed);
    while (true) {
      long unitsBefore = toolUnitsUsed();
      Strategy.Outcome o = react.loop(ctx, msgs, ctx.ledger(), true, this::compactIfDue);
      lastReason = o.reason();
      String proposed = o.answer();
      ctx.note(
          "propose",
          "attempt "
              + attempt
              + " proposed "
              + (proposed == null ? "no answer" : proposed)
              + (o.forced() ? " (forced: " + o.reason().describe() + ")" : ""));
      boolean known = proposed != null && isKnown(proposed);
      boolean progressed = toolUnitsUsed() > unitsBefore;
      if (!config.verification()) {
        return unverified(attempt, proposed, o, known, progressed);
      }
      if (known && !progressed && !o.forced()) {
        return Next.stop(
            "stalled: attempt "
                + attempt
                + " proposed a known answer again without spending any tool unit");
      }
      if (o.forced() && candidates.isEmpty()) {
        record(proposed, attempt, Optional.empty(), true);
        return Next.stop(
            "attempt "
                + attempt
                + " ran out of budget or steps ("
                + o.reason().describe()
                + "); its forced answer is the only candidate, so it is kept without a check");
      }
      syncUnits();
      Optional<Verification> checked =
          verifier.verify(ctx, msgs, proposed, living.map(LivingPlan::plan));
      if (checked.isEmpty()) {
        record(proposed, attempt, Optional.empty(), o.forced());
        return Next.stop("no usable verification; the proposed answer is kept unverified");
      }
      Verification v = checked.get().accepted();
      ctx.note("verify", "attempt " + attempt + ": " + v.describe());
      record(proposed, attempt, Optional.of(v), o.forced());
      Verification.Decision d = v.decision();
      if (d == Verification.Decision.SUCCESS && proposed == null) {
        d = Verification.Decision.PIVOT; // "None" cannot succeed
      }
      if (d == Verification.Decision.CONTINUE && !progressed) {
        d = Verification.Decision.PIVOT; // see below: taken as PIVOT
      }
      Verification.Decision decided = d;
      findings.addFacts(v.usefulInformation(), msgs);
      if (d == Verification.Decision.PIVOT) {
        findings.addFailed(attempt, proposed, v.failureAnalysis());
      }
      living.ifPresent(p -> p.afterVerdict(attempt, decided, proposed, v.failureAnalysis()));
      if (o.forced()) {
        return Next.stop(
            "attempt " + attempt + " ran out of budget or steps (" + o.reason().describe() + ")");
      }
      if (d == Verification.Decision.SUCCESS && config.mode() == Bats.Mode.EARLY_STOP) {
        return Next.stop("early stop: attempt " + attempt + " verified SUCCESS");
      }
      if (d == Verification.Decision.SUCCESS && config.mode() == Bats.Mode.BUDGET_AWARE) {
        double left = minToolFraction();
        if (left < config.continueShare()) {
          return Next.stop(
              "budget-aware stop: attempt "
                  + attempt
                  + " verified SUCCESS and a tool has "
                  + Math.round(left * 100)
                  + "% of its units left, below the "
                  + Math.round(config.continueShare() * 100)
                  + "% share needed to go on");
        }
      }
      if (d == Verification.Decision.CONTINUE && progressed) {
        ctx.note("continue", "attempt " + attempt + " digs deeper from the verifier's summary");
        msgs.clear();
        msgs.addAll(start(Briefing.continueOn(ctx, proposed, v, findings)));
        continue;
      }
      if (d == Verification.Decision.SUCCESS) {
        return Next.with(Briefing.afterSuccess(ctx, proposed, v, findings));
      }
      if (v.decision() == Verification.Decision.CONTINUE) {
        ctx.note("pivot", "CONTINUE without any tool unit spent is taken as PIVOT");
      }
      replan(v);
      return Next.with(Briefing.pivot(ctx, proposed, v, findings));
    }
  }

  /**
   * Without a verifier (the "without verification" ablation, which removes only the verifier): the
   * proposed answer is recorded unverified and the next attempt starts afresh from the question,
   * told the answers proposed so far, until a budget, the step limit, {@code maxAttempts}, a forced
   * answer or a stall (a known answer proposed again without any tool unit spent) ends the run; the
   * final selection then picks among the unverified candidates.
   */
  private Next unverified(
      int attempt, String proposed, Strategy.Outcome o, boolean known, boolean progressed) {
    record(proposed, attempt, Optional.empty(), o.forced());
    if (o.forced()) {
      return Next.stop(
          "attempt " + attempt + " ran out of budget or steps (" + o.reason().describe() + ")");
    }
    if (known && !progressed) {
      return Next.stop(
          "stalled: attempt "
              + attempt
              + " proposed a known answer again without spending any tool unit");
    }
    List<String> answers = new ArrayList<>();
    for (Candidate c : FinalSelection.distinct(candidates)) answers.add(c.answer());
    return Next.with(Briefing.nextUnverified(ctx, answers));
  }

  /**
   * After a PIVOT, asks for a revised plan when re-planning is on, there is a plan, and the budget
   * still has room for a new line of search: every capped tool keeps at least {@code
   * REPLAN_MIN_FRACTION} of its units [choice: 10%, the tracker's CRITICAL line]; below it the call
   * would buy a plan there are no units left to follow.
   */
  private void replan(Verification v) {
    if (!config.replanOnPivot() || living.isEmpty()) return;
    double left = minToolFraction();
    if (left < REPLAN_MIN_FRACTION) {
      ctx.note("plan", "no re-plan: too little tool budget left (" + Math.round(left * 100) + "%)");
      return;
    }
    syncUnits();
    new Planner(config.jsonRetries())
        .replan(ctx, system, living.get(), v)
        .ifPresent(p -> living.get().revise(p));
  }

  static final double REPLAN_MIN_FRACTION = 0.10;

  private double minToolFraction() {
    var s = ctx.ledger().snapshot();
    double min = 1;
    for (String tool : s.budget().toolUnitCaps().keySet()) {
      Cap c = new Cap.ToolUnits(tool);
      if (s.budget().limit(c).orElse(1) == 0) continue; // switched off
      min = Math.min(min, s.remainingFraction(c).orElse(1));
    }
    return min;
  }

  private void syncUnits() {
    living.ifPresent(p -> p.syncUnits(toolUnitsUsed()));
  }

  /**
   * System prompt, question, the living plan (if any: its current states, units used and failed
   * branches) and the notes that seed this part (if any).
   */
  private List<ChatMessage> start(String seed) {
    syncUnits();
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(system));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    living.ifPresent(p -> msgs.add(UserMessage.from(Planner.message(p))));
    if (seed != null) msgs.add(UserMessage.from(seed));
    return msgs;
  }

  private void compactIfDue(int iteration, List<ChatMessage> msgs) {
    int every = config.compactEvery();
    if (every == 0 || iteration % every != 0) return;
    List<ChatMessage> ask = new ArrayList<>();
    ask.add(SystemMessage.from(SUMMARY_SYSTEM));
    for (ChatMessage m : msgs) if (!(m instanceof SystemMessage)) ask.add(m);
    ask.add(
        UserMessage.from(
            Prompts.fill(SUMMARY_REQUEST, java.util.Map.of("budget", ctx.statusBlock())).strip()));
    Optional<TrajectorySummary> s =
        StructuredCall.ask(
            ctx,
            "compact",
            ask,
            TrajectorySummary.schema(),
            null,
            TrajectorySummary::parse,
            config.jsonRetries());
    if (s.isEmpty()) {
      ctx.note("compact", "iteration " + iteration + ": no usable summary; the trajectory stays");
      return;
    }
    int before = msgs.size();
    findings.addFacts(s.get().usefulInformation(), msgs);
    List<ChatMessage> fresh = start(Briefing.compacted(ctx, s.get(), findings));
    msgs.clear();
    msgs.addAll(fresh);
    ctx.note(
        "compact",
        "iteration "
            + iteration
            + ": "
            + before
            + " messages replaced by a summary ("
            + fresh.size()
            + " messages)");
  }

  private void record(String answer, int attempt, Optional<Verification> v, boolean forced) {
    if (answer == null || answer.isBlank()) return;
    candidates.add(new Candidate(answer, attempt, v, forced));
  }

  private boolean isKnown(String answer) {
    String k = AnswerVote.key(answer);
    return candidates.stream().anyMatch(c -> AnswerVote.key(c.answer()).equals(k));
  }

  private long toolUnitsUsed() {
    return ctx.ledger().snapshot().used().toolUnits().values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
