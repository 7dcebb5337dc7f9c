package dev.frugal.core.strategy.bats;

import dev.frugal.core.Strategy;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.strategy.StoppingRule;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * BATS, budget-aware test-time scaling (BATS paper, arXiv 2511.17006).
 *
 * <ol>
 *   <li>One ledger per question, shared by all attempts: every call is charged to the run's working
 *       ledger, planning, verifier, compaction and judge calls included.
 *   <li><b>Planning</b> (on by default): the system prompt gains a planning section (exploration vs
 *       verification constraints, a tree-shaped checklist with states pending / done / failed /
 *       partial and units used, steps never deleted), and a planning call returns the plan as JSON.
 *       The plan <em>lives</em> ({@code LivingPlan}, docs/bats.md): tool units are charged to its
 *       active step, verdicts move step states (SUCCESS done, CONTINUE partial, PIVOT failed, with
 *       the failed branch and why recorded), and that updated checklist, not the original, is what
 *       every attempt, compaction, CONTINUE and PIVOT shows. A PIVOT asks for a revised plan while
 *       every capped tool keeps at least 10% of its units (on by default, {@link
 *       Builder#replanOnPivot}); the merge never deletes a step nor undoes progress. The verifier
 *       checks both constraint lists, verification then exploration.
 *   <li><b>Attempts</b>: ReAct + Budget Tracker iterations (the agent's tracker setting decides
 *       whether the status block is shown) until the agent proposes an answer or a budget runs out
 *       (then an answer is forced from the reserve). Every {@code compactEvery} iterations [choice:
 *       10] the raw trajectory is compacted into a summary by a model call.
 *   <li><b>Verification</b> (on by default) of every proposed answer, as JSON: per-constraint
 *       status, decision SUCCESS / CONTINUE / PIVOT, and notes. A SUCCESS is accepted only when the
 *       verdict lists constraints and marks every one satisfied; otherwise it is taken as PIVOT
 *       (one contradicted) or CONTINUE ({@link Verification#accepted}). CONTINUE replaces the
 *       trajectory with the verifier's summary and goes on; PIVOT starts a new attempt seeded with
 *       the summary, useful information and recommendations; SUCCESS records a verified candidate.
 *       Every briefing that starts the next part carries every fact found so far by any
 *       verification or compaction, with its source, and the failed branches ({@code Findings}).
 *   <li><b>Modes</b>: {@link Mode#BUDGET_AWARE} (default [choice]) goes on after a SUCCESS only
 *       while every capped tool has at least {@link #continueShare} of its units left; {@link
 *       Mode#UNTIL_SPENT} keeps attempting after a SUCCESS, seeded with what it found, until a
 *       budget, the step limit or {@code maxAttempts} [choice: 8] stops it; {@link Mode#EARLY_STOP}
 *       ends at the first SUCCESS.
 *   <li><b>Selection</b> among the candidates: a judge call at temperature 0 that never picks
 *       "None" (default), or the frequency-gated Best-of-Majority selector [choice]; see {@link
 *       AnswerSelection}. The earliest unforced SUCCESS is never displaced by a forced candidate
 *       nor by one from a later attempt; when only forced candidates are verified, the unforced
 *       unverified ones compete with them; the judge's list marks forced answers.
 * </ol>
 *
 * <p>Verifier calls are spared where they cannot change the outcome [choice]: an answer proposed
 * again without any new tool unit spent ends the run (a stall), and an answer forced when no other
 * candidate exists is kept unchecked. See {@code AttemptLoop} for every stopping rule.
 *
 * <p><b>Ablations</b>: without planning there is neither the planning section nor the planning
 * call, and the verifier derives the constraints itself; without verification only the verifier
 * goes: attempts repeat, each starting afresh from the question and the unchecked answers proposed
 * so far, until a budget, the step limit, the attempt limit or a stall ends them, then the final
 * selection picks among the unverified candidates. With {@code maxAttempts(1)} it is the single
 * attempt ({@code bats-single} in the testbed).
 *
 * <p><b>Robustness</b>: a planning, verifier, compaction or judge reply that is not usable JSON is
 * asked once more ({@code jsonRetries} [choice: 1]), charged like any call; then a documented
 * fallback applies: no plan; the proposed answer kept unverified and the attempts end; the full
 * trajectory kept; Best-of-Majority instead of the judge. A call the ledger refuses takes the same
 * fallback. Nothing is thrown out of the run for what a model does, except a step call that failed
 * for good before any candidate existed (the agent reports it as a model failure).
 *
 * <p><b>Concurrency</b>: attempts are sequential by the algorithm: each attempt starts from what
 * the earlier ones found (the verifier's summary, useful information and recommendations, the
 * living plan's states) and spends from the same ledger whose remaining budget the next attempt is
 * shown, so attempt k+1 cannot begin before attempt k is verified. What is independent runs at once
 * when the agent has an {@link dev.frugal.core.AgentBuilder#executor executor}: the tool calls of
 * one model turn inside an attempt (the attempt is a ReAct loop), whose results join the
 * conversation in the model's order; without an executor they run one after another.
 *
 * <p><b>Trace</b>: notes of kinds {@code plan}, {@code attempt}, {@code propose}, {@code verify},
 * {@code continue}, {@code pivot}, {@code compact}, {@code stop} (why the attempts ended), {@code
 * select} and {@code judge}.
 */
public final class Bats implements Strategy {

  /** When attempts end. */
  public enum Mode {
    /**
     * Go on after a verified SUCCESS only while every capped tool has at least {@link
     * Builder#continueShare} of its units left; otherwise stop there (the default).
     */
    BUDGET_AWARE,
    /** Attempt until a budget, the step limit or the attempt limit stops it. */
    UNTIL_SPENT,
    /** Stop at the first verified SUCCESS. */
    EARLY_STOP
  }

  private final Mode mode;
  private final boolean planning;
  private final boolean verification;
  private final AnswerSelection selection;
  private final int compactEvery;
  private final int maxAttempts;
  private final int jsonRetries;
  private final boolean replanOnPivot;
  private final double continueShare;
  private final ReAct.ContextPolicy contextPolicy;
  private final ReAct react;
  private final String name;

  private Bats(Builder b) {
    this.mode = b.mode;
    this.planning = b.planning;
    this.verification = b.verification;
    this.selection = b.selection;
    this.compactEvery = b.compactEvery;
    this.maxAttempts = b.maxAttempts;
    this.jsonRetries = b.jsonRetries;
    this.replanOnPivot = b.replanOnPivot;
    this.continueShare = b.continueShare;
    this.contextPolicy = b.contextPolicy;
    this.react =
        ReAct.builder().contextPolicy(b.contextPolicy).stoppingRule(b.stoppingRule).build();
    this.name =
        "bats"
            + (planning ? "" : "-no-plan")
            + (verification ? "" : b.maxAttempts == 1 ? "-single" : "-no-verify")
            + (mode == Mode.EARLY_STOP ? "-early-stop" : "")
            + (mode == Mode.UNTIL_SPENT ? "-until-spent" : "")
            + (b.contextPolicy == DEFAULT_CONTEXT ? "" : "-" + contextName(b.contextPolicy))
            + (selection instanceof AnswerSelection.BestOfMajority ? "-bom" : "");
  }

  /**
   * The context policy by default: every tool result stays in an attempt's context [choice]. The
   * BATS paper keeps only the latest one; on the simulated testbed that policy loses what the
   * simulated reader understood from earlier results (docs/bats.md, "Context policy").
   */
  static final ReAct.ContextPolicy DEFAULT_CONTEXT = ReAct.ContextPolicy.KEEP_ALL;

  /**
   * The share of every capped tool's units that must be left to go on after a verified SUCCESS in
   * {@link Mode#BUDGET_AWARE} [choice: 0.5, docs/bats.md "Going on after SUCCESS"].
   */
  public static final double DEFAULT_CONTINUE_SHARE = 0.5;

  private static String contextName(ReAct.ContextPolicy p) {
    return p == ReAct.ContextPolicy.KEEP_ALL ? "keep-all" : "latest-only";
  }

  /** BATS with every default. */
  public static Bats withDefaults() {
    return builder().build();
  }

  /** Starts building BATS with the paper's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code bats}, with suffixes for what differs from the defaults: {@code -no-plan}, {@code
   * -no-verify} ({@code -single} when there is one attempt without a verifier), {@code
   * -early-stop}, {@code -until-spent}, {@code -keep-all} or {@code -latest-only}, {@code -bom}.
   */
  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome run(RunContext ctx) {
    return new AttemptLoop(this, react, ctx).run();
  }

  /** The mode (early stop or best of N). */
  public Mode mode() {
    return mode;
  }

  /** Whether attempts start from a plan. */
  public boolean planning() {
    return planning;
  }

  /** Whether a verifier judges each answer. */
  public boolean verification() {
    return verification;
  }

  /** How the final answer is chosen among the candidates. */
  public AnswerSelection selection() {
    return selection;
  }

  /** Every how many tool results the context is compacted. */
  public int compactEvery() {
    return compactEvery;
  }

  /** The most attempts per run. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** How often a malformed JSON reply is asked for again. */
  public int jsonRetries() {
    return jsonRetries;
  }

  /** The share of every tool's units needed to go on after a SUCCESS in the budget-aware mode. */
  public double continueShare() {
    return continueShare;
  }

  /** Which tool results stay in an attempt's context. */
  public ReAct.ContextPolicy contextPolicy() {
    return contextPolicy;
  }

  /** Whether a PIVOT asks for a new plan (within the budget) before the next attempt. */
  public boolean replanOnPivot() {
    return replanOnPivot;
  }

  /** Builds {@link Bats}; each setting is checked when set and may be set once. */
  public static final class Builder {
    private Mode mode = Mode.BUDGET_AWARE;
    private double continueShare = DEFAULT_CONTINUE_SHARE;
    private boolean planning = true;
    private boolean verification = true;
    private AnswerSelection selection = AnswerSelection.judge();
    private int compactEvery = 10;
    private int maxAttempts = 8;
    private int jsonRetries = 1;
    private ReAct.ContextPolicy contextPolicy = DEFAULT_CONTEXT;
    private boolean replanOnPivot = true;
    private StoppingRule stoppingRule = StoppingRule.ANY_TOOL_SPENT;
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    /**
     * Whether a PIVOT asks for a revised plan (with the living checklist and the failed branches)
     * while the budget has room for it; default true (docs/bats.md). Needs planning to matter.
     */
    public Builder replanOnPivot(boolean on) {
      once("replanOnPivot");
      this.replanOnPivot = on;
      return this;
    }

    /** When a spent tool budget ends an attempt and the run; default any capped tool spent. */
    public Builder stoppingRule(StoppingRule rule) {
      once("stoppingRule");
      this.stoppingRule = Objects.requireNonNull(rule, "stoppingRule");
      return this;
    }

    /**
     * In {@link Mode#BUDGET_AWARE}, the share of its units every capped tool must have left for the
     * attempts to go on after a verified SUCCESS, in [0, 1]; default {@value
     * #DEFAULT_CONTINUE_SHARE} [choice].
     */
    public Builder continueShare(double share) {
      once("continueShare");
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("continueShare must be in [0, 1], got " + share);
      }
      this.continueShare = share;
      return this;
    }

    /** When attempts end; default {@link Mode#BUDGET_AWARE} [choice]. */
    public Builder mode(Mode mode) {
      once("mode");
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The planning section and call; on by default (off is the "without planning" ablation). */
    public Builder planning(boolean on) {
      once("planning");
      this.planning = on;
      return this;
    }

    /** The verifier; on by default (off is the "without verification" ablation). */
    public Builder verification(boolean on) {
      once("verification");
      this.verification = on;
      return this;
    }

    /** How the final answer is picked; default {@link AnswerSelection.Judge}. */
    public Builder selection(AnswerSelection selection) {
      once("selection");
      this.selection = Objects.requireNonNull(selection, "selection");
      return this;
    }

    /**
     * Compact the trajectory into a summary every this many tool-calling iterations of an attempt;
     * 0 turns compaction off. Default 10 [choice, the paper's].
     */
    public Builder compactEvery(int iterations) {
      once("compactEvery");
      if (iterations < 0) {
        throw new IllegalArgumentException(
            "compactEvery must be >= 0 (0 = never), got " + iterations);
      }
      this.compactEvery = iterations;
      return this;
    }

    /** At most this many attempts per question, >= 1. Default 8 [choice]. */
    public Builder maxAttempts(int attempts) {
      once("maxAttempts");
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * How many times an unusable structured reply (plan, verification, summary, judge) is asked
     * again, in [0, 3]. Default 1 [choice].
     */
    public Builder jsonRetries(int retries) {
      once("jsonRetries");
      if (retries < 0 || retries > 3) {
        throw new IllegalArgumentException("jsonRetries must be in [0, 3], got " + retries);
      }
      this.jsonRetries = retries;
      return this;
    }

    /**
     * Which tool results stay in an attempt's context; default {@link ReAct.ContextPolicy#KEEP_ALL}
     * [choice, docs/bats.md "Context policy"]; {@link ReAct.ContextPolicy#LATEST_TOOL_RESULT} is
     * the BATS paper's.
     */
    public Builder contextPolicy(ReAct.ContextPolicy policy) {
      once("contextPolicy");
      this.contextPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Builds the strategy.
     *
     * @throws IllegalStateException when early-stop mode is asked for without verification (the
     *     mode stops at a verified SUCCESS, which needs the verifier)
     */
    public Bats build() {
      if (mode == Mode.EARLY_STOP && !verification) {
        throw new IllegalStateException(
            "mode EARLY_STOP stops at the first verified SUCCESS and needs verification(true);"
                + " without verification no answer is ever verified, so there is nothing to stop at");
      }
      return new Bats(this);
    }

    private void once(String setting) {
      if (!set.add(setting)) throw new IllegalStateException(setting + " was already set");
    }
  }
}
