package dev.frugal.core.strategy;

import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.AnswerVote;
import dev.frugal.core.strategy.internal.CallerRuns;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Adaptive self-consistency after PETS ("PETS: A Principled Framework Towards Optimal Trajectory
 * Allocation for Efficient Test-Time Self-Consistency", arXiv 2602.16745, the online setting):
 * instead of a fixed number of samples per question, draw a few warm-up samples, read the
 * difficulty of the question off their agreement pattern, and spend extra samples only where the
 * vote is unsettled. See docs/extras.md, section "PETS".
 *
 * <p><b>The rule.</b>
 *
 * <ol>
 *   <li>Plan the samples the budget can hold ({@link #plannedSamples(Budget)}): at most {@code
 *       warmup + maxExtra}, where {@code maxExtra} is the largest entry of the allocation table,
 *       and no more than every tool cap can give {@code minUnitsPerSample} units each (default 3).
 *       A sample whose share cannot finish a trajectory is no sample: ReAct forces its answer as
 *       soon as one of its tool shares is spent, so too thin a share answers after one search.
 *   <li>Draw {@code min(warmup, planned)} warm-up ReAct samples (default 4), each in a child ledger
 *       holding a {@code 1 / planned} share of every cap of the working budget; the shares add up
 *       to the budget, so no pattern can ask for more than the budget.
 *   <li>Their agreement pattern ({@link #pattern}: the sizes of the groups of equivalent answers,
 *       largest first, e.g. {@code 3-1}; unanimity is {@code 4-0}; a sample without an answer, or
 *       answering {@code None} (it could not answer), is a group of its own and no vote) picks a
 *       difficulty bucket, and the table gives the bucket's number of extra samples (at most {@code
 *       cap - warmup}, and at most the planned samples left after the warm-up; none when the budget
 *       could not hold a full warm-up).
 *   <li>Extra samples are drawn one after another, each with the same per-sample share, only while
 *       the vote is unsettled ({@link #settled}: the leader's margin over the runner-up is larger
 *       than the extra samples still allowed, so no further sample could change the winner).
 *   <li>The answer is the majority of all samples ({@link AnswerVote}).
 * </ol>
 *
 * <p>The paper fits its per-bucket allocation offline by greedy marginal allocation on accuracy
 * curves; the default table here [choice, not fitted: no accuracy curves of a real model ship with
 * the project] gives nothing to a unanimous warm-up, most to the split patterns where one more vote
 * can decide, and little to the all-different pattern where extra votes rarely converge: {@code
 * 4-0: 0, 3-1: 2, 2-2: 4, 2-1-1: 4, 1-1-1-1: 2}. Set another with {@link Builder#extras}.
 *
 * <p>The minimum share, 3 units per tool [choice: HotpotQA-style questions need two hops; plain
 * ReAct on the testbed v3 (docs/testbed.md, "Bands") spent 6.6 tool units per question at a budget
 * of 10 per tool, about 3.3 per tool, and ReAct traces on HotpotQA make 1.7 to 2.5 searches per
 * question (R1, CALIBRATION anchors, docs/testbed.md)], is set with {@link
 * Builder#minUnitsPerSample}; it bounds only tool-unit caps (tokens and money are split as they
 * are). See docs/extras.md, "PETS".
 *
 * <p>Budget safety: every sample spends from a child of the run's working ledger, so the samples
 * together can never exceed the run's budget (the ledger refuses first); the warm-up runs at once
 * on the agent's executor when one is set, the extras one after another.
 */
public final class Pets implements Strategy {
  /** The largest number of samples per question the paper allows (its cap of 64). */
  public static final int MAX_SAMPLES = 64;

  private final int warmup;
  private final int cap;
  private final Map<String, Integer> extras;
  private final ReAct react;
  private final int maxExtra;
  private final int minUnitsPerSample;

  private Pets(Builder b) {
    this.minUnitsPerSample = b.minUnitsPerSample;
    this.warmup = b.warmup;
    this.cap = b.cap;
    this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.table()));
    this.react = b.react;
    int most = 0;
    for (int e : extras.values()) most = Math.max(most, Math.min(e, cap - warmup));
    this.maxExtra = most;
  }

  /** The defaults: 4 warm-up samples, the default table, cap 64, ReAct at temperature 1.0. */
  public static Pets withDefaults() {
    return builder().build();
  }

  /** Starts building a PETS strategy. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "pets";
  }

  /** The warm-up size. */
  public int warmup() {
    return warmup;
  }

  /** The extra samples per agreement pattern (the difficulty buckets). */
  public Map<String, Integer> extras() {
    return extras;
  }

  /** The most samples one question can get: the warm-up plus the largest bucket's extras. */
  public int plannedSamples() {
    return warmup + maxExtra;
  }

  /** The least tool units of each capped tool a sample's share holds, when the budget allows. */
  public int minUnitsPerSample() {
    return minUnitsPerSample;
  }

  /**
   * The samples planned under {@code budget}: {@link #plannedSamples()}, reduced so that every
   * capped tool gives each sample at least {@link #minUnitsPerSample()} units; at least 1 (a cap
   * below the minimum gives its whole self to a single sample). A cap of 0 bounds nothing here
   * (that tool may not be used at all).
   */
  public int plannedSamples(Budget budget) {
    long most = plannedSamples();
    for (long v : budget.toolUnitCaps().values()) {
      if (v > 0) most = Math.min(most, v / minUnitsPerSample);
    }
    return (int) Math.max(1, most);
  }

  /** The extra samples the warm-up pattern {@code pattern} allows (capped at cap - warmup). */
  public int extrasFor(String pattern) {
    Integer e = extras.get(pattern);
    if (e == null) {
      throw new IllegalArgumentException(
          "no allocation for agreement pattern '" + pattern + "'; known: " + extras.keySet());
    }
    return Math.min(e, cap - warmup);
  }

  @Override
  public Outcome run(RunContext ctx) {
    int planned = plannedSamples(ctx.ledger().budget());
    int first = Math.min(warmup, planned);
    if (planned < plannedSamples()) {
      ctx.note(
          "pets",
          "the budget holds "
              + planned
              + " of "
              + plannedSamples()
              + " samples at "
              + minUnitsPerSample
              + " units per tool each");
    }
    List<Outcome> outcomes =
        ctx.executor().isPresent() && first > 1
            ? warmUpConcurrently(ctx, ctx.executor().get(), first, planned)
            : new ArrayList<>();
    if (outcomes.isEmpty()) {
      for (int i = 1; i <= first && !ctx.cancelled(); i++) {
        outcomes.add(sample(ctx, i, planned));
        if (ctx.steps() >= ctx.maxSteps()) break;
      }
    }
    List<String> answers = answers(outcomes);
    String pattern = pattern(answers, outcomes.size());
    int allowed = outcomes.size() == warmup ? Math.min(extrasFor(pattern), planned - warmup) : 0;
    ctx.note("pets", "warm-up pattern " + pattern + ": up to " + allowed + " extra samples");
    int drawn = 0;
    while (drawn < allowed
        && !settled(AnswerVote.counts(answers), allowed - drawn)
        && !ctx.cancelled()
        && ctx.steps() < ctx.maxSteps()) {
      drawn++;
      Outcome o = sample(ctx, warmup + drawn, planned);
      outcomes.add(o);
      if (votes(o.answer())) answers.add(o.answer());
    }
    if (drawn < allowed) {
      ctx.note("pets", "stopped after " + drawn + " of " + allowed + " extra samples");
    }
    Map<String, Integer> counts = AnswerVote.counts(answers);
    ctx.note("vote", counts.toString());
    String winner = AnswerVote.majority(answers).orElse(null);
    StopReason last = new StopReason.Answered();
    boolean anyForced = false;
    for (Outcome o : outcomes) {
      anyForced |= o.forced();
      last = o.reason();
    }
    StopReason reason = winner != null ? new StopReason.Answered() : last;
    return new Outcome(winner, reason, winner == null && anyForced);
  }

  private static List<String> answers(List<Outcome> outcomes) {
    List<String> out = new ArrayList<>();
    for (Outcome o : outcomes) if (votes(o.answer())) out.add(o.answer());
    return out;
  }

  /**
   * Whether an answer is a vote: not missing, and not {@code None}, the answer a sample forced to
   * answer gives when it cannot (the engine's final-answer prompt asks for it). A sample that could
   * not answer says nothing about which answer is right, so it counts as a group of its own.
   */
  static boolean votes(String answer) {
    return answer != null && !AnswerVote.key(answer).equals("none");
  }

  /**
   * The agreement pattern of {@code samples} samples whose answers are {@code answers} (samples
   * without an answer are missing from it, each counted as a group of its own): the group sizes,
   * largest first, joined by {@code -}; a single group is written {@code n-0}.
   */
  public static String pattern(List<String> answers, int samples) {
    List<Integer> sizes = new ArrayList<>(AnswerVote.counts(answers).values());
    int grouped = sizes.stream().mapToInt(Integer::intValue).sum();
    for (int i = grouped; i < samples; i++) sizes.add(1);
    sizes.sort(Collections.reverseOrder());
    if (sizes.isEmpty()) return "0";
    if (sizes.size() == 1) return sizes.get(0) + "-0";
    StringBuilder sb = new StringBuilder();
    for (int s : sizes) sb.append(sb.length() == 0 ? "" : "-").append(s);
    return sb.toString();
  }

  /**
   * True when {@code remaining} more votes cannot change the winner of {@code counts}: the leader's
   * margin over the runner-up is larger than {@code remaining} (a tie goes to the answer seen
   * first, so a margin equal to {@code remaining} could still be overturned... only to a tie the
   * leader keeps; counted as unsettled to stay on the safe side).
   */
  public static boolean settled(Map<String, Integer> counts, int remaining) {
    int first = 0;
    int second = 0;
    for (int n : counts.values()) {
      if (n > first) {
        second = first;
        first = n;
      } else if (n > second) {
        second = n;
      }
    }
    return first > 0 && first - second > remaining;
  }

  private List<Outcome> warmUpConcurrently(
      RunContext ctx, Executor executor, int first, int planned) {
    List<java.util.function.Supplier<Outcome>> samples = new ArrayList<>();
    for (int i = 1; i <= first; i++) {
      int n = i;
      samples.add(() -> sample(ctx, n, planned));
    }
    return new ArrayList<>(CallerRuns.all(samples, executor));
  }

  /** Sample {@code i} (1-based) with its 1/planned share of the working budget. */
  private Outcome sample(RunContext ctx, int i, int planned) {
    Budget share = ParallelMajority.share(ctx.ledger().budget(), planned, i - 1);
    Ledger ledger = ctx.ledger().child(share);
    ctx.note("sample", "sample " + i + " (at most " + planned + ") with " + share);
    List<ChatMessage> msgs = new ArrayList<>();
    String tracker = ctx.trackerPromptSection(ledger);
    msgs.add(
        SystemMessage.from(react.systemPrompt() + (tracker.isEmpty() ? "" : "\n\n" + tracker)));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    Outcome o;
    try (var scope = ctx.scope("sample", "sample " + i)) {
      o = react.loop(ctx, msgs, ledger, false);
    }
    ctx.note("sample", "sample " + i + " answered " + (o.answer() == null ? "(none)" : o.answer()));
    return o;
  }

  /** Every agreement pattern of {@code n} samples (the integer partitions of n), as written. */
  static List<String> patternsOf(int n) {
    List<String> out = new ArrayList<>();
    partitions(n, n, new ArrayList<>(), out);
    return out;
  }

  private static void partitions(int left, int max, List<Integer> parts, List<String> out) {
    if (left == 0) {
      if (parts.size() == 1) {
        out.add(parts.get(0) + "-0");
      } else {
        StringBuilder sb = new StringBuilder();
        for (int p : parts) sb.append(sb.length() == 0 ? "" : "-").append(p);
        out.add(sb.toString());
      }
      return;
    }
    for (int p = Math.min(left, max); p >= 1; p--) {
      parts.add(p);
      partitions(left - p, p, parts, out);
      parts.remove(parts.size() - 1);
    }
  }

  /** Builds a {@link Pets} strategy. */
  public static final class Builder {
    private int warmup = 4;
    private int cap = MAX_SAMPLES;
    private final Map<String, Integer> table = new LinkedHashMap<>();
    private ReAct react = ReAct.builder().temperature(1.0).build();
    private int minUnitsPerSample = 3;

    private Builder() {}

    /**
     * The least units of every capped tool one sample's share must hold; the planned samples are
     * reduced until it does (default 3, see the class comment for why).
     */
    public Builder minUnitsPerSample(int units) {
      if (units < 1) {
        throw new IllegalArgumentException("a sample needs at least 1 unit per tool, got " + units);
      }
      this.minUnitsPerSample = units;
      return this;
    }

    /**
     * The number of warm-up samples, 1 to cap; default 4. Patterns then need a table entry each.
     */
    public Builder warmup(int n) {
      if (n < 1) throw new IllegalArgumentException("warm-up must be >= 1 sample, got " + n);
      this.warmup = n;
      return this;
    }

    /** The most samples per question, warm-up included; default 64 (the paper's cap). */
    public Builder cap(int n) {
      if (n < 1) throw new IllegalArgumentException("cap must be >= 1 sample, got " + n);
      this.cap = n;
      return this;
    }

    /** Extra samples for one agreement pattern, e.g. {@code extras("3-1", 2)}. */
    public Builder extras(String pattern, int n) {
      Objects.requireNonNull(pattern, "pattern");
      if (n < 0) {
        throw new IllegalArgumentException(
            "extra samples for pattern " + pattern + " must be >= 0, got " + n);
      }
      table.put(pattern.strip(), n);
      return this;
    }

    /** The ReAct each sample runs; default ReAct at temperature 1.0 (samples must differ). */
    public Builder react(ReAct react) {
      this.react = Objects.requireNonNull(react, "react");
      return this;
    }

    private Map<String, Integer> table() {
      if (!table.isEmpty()) return table;
      if (warmup != 4) return Map.of(); // build() names the missing patterns
      Map<String, Integer> d = new LinkedHashMap<>();
      d.put("4-0", 0);
      d.put("3-1", 2);
      d.put("2-2", 4);
      d.put("2-1-1", 4);
      d.put("1-1-1-1", 2);
      return d;
    }

    /**
     * Builds the strategy.
     *
     * @throws IllegalArgumentException when the cap is below the warm-up, or when the table misses
     *     an agreement pattern of the warm-up or names one that cannot occur
     */
    public Pets build() {
      if (cap < warmup) {
        throw new IllegalArgumentException(
            "cap (" + cap + ") must be at least the warm-up (" + warmup + ")");
      }
      List<String> possible = patternsOf(warmup);
      Map<String, Integer> t = table();
      List<String> missing = possible.stream().filter(p -> !t.containsKey(p)).toList();
      List<String> unknown = t.keySet().stream().filter(p -> !possible.contains(p)).toList();
      if (!missing.isEmpty() || !unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "the extras table for "
                + warmup
                + " warm-up samples needs exactly the patterns "
                + possible
                + (missing.isEmpty() ? "" : "; missing " + missing)
                + (unknown.isEmpty()
                    ? ""
                    : "; not a pattern of " + warmup + " samples: " + unknown));
      }
      return new Pets(this);
    }
  }
}
