package dev.frugal.testbed.sim;

/**
 * The behavioural numbers of a {@link SimProfile}. Each is written in the profile file as {@code
 * "name": {"value": x, "source": "where x comes from"}}.
 */
public enum SimParameter {
  READ_SKILL(
      "readSkill",
      Kind.PROBABILITY,
      "chance the model understands the needed fact of a supporting paragraph each time its full"
          + " text is in its context, on a question of difficulty 0"),
  DIFFICULTY_WEIGHT(
      "difficultyWeight",
      Kind.NON_NEGATIVE,
      "how much a question's difficulty (0 to 1, from its data) lowers readSkill and raises"
          + " slipRate"),
  QUERY_FOCUS(
      "queryFocus",
      Kind.PROBABILITY,
      "chance a query is built around the most salient phrase available (a named phrase of the"
          + " question, or a new one in understood text) rather than a mix of words"),
  OPEN_NOISE(
      "openNoise",
      Kind.NON_NEGATIVE,
      "standard deviation of the noise added to a shown result's word overlap with what the model"
          + " looks for, when it picks what to open"),
  SLIP_RATE(
      "slipRate",
      Kind.PROBABILITY,
      "chance, per question, that the model states a wrong span (wrong hop, extra words) although"
          + " it understood the facts"),
  SLIP_CORRELATION(
      "slipCorrelation",
      Kind.PROBABILITY,
      "chance a later answer to the same question repeats the question's slip decision instead of"
          + " drawing afresh"),
  PATIENCE(
      "patience",
      Kind.COUNT,
      "tool results in a row without a newly understood fact before the model gives up and"
          + " answers with what it has (no budget shown, or HIGH / MEDIUM)"),
  PATIENCE_LOW_BUDGET(
      "patienceLowBudget", Kind.COUNT, "the same when the prompt shows a LOW or CRITICAL budget"),
  PREMATURE_ANSWER(
      "prematureAnswer",
      Kind.PROBABILITY,
      "per-step chance of answering with a candidate while only some of the needed facts are"
          + " understood"),
  QUERIES_PER_CALL(
      "queriesPerCall",
      Kind.COUNT,
      "most queries in one search call when no budget is shown (1 to this many, uniformly)"),
  THOUGHT_TOKENS(
      "thoughtTokens",
      Kind.NON_NEGATIVE,
      "mean tokens of reasoning written before each reply (drawn between half and one and a half"
          + " times this), billed on top of the reply's own length"),
  LATENCY_MS("latencyMs", Kind.NON_NEGATIVE, "milliseconds each reply takes"),
  VERIFY_MISS(
      "verifyMiss",
      Kind.PROBABILITY,
      "chance a verification fails to confirm an answer that matches what the verifier itself"
          + " understood (says CONTINUE)"),
  OVERCONFIDENCE(
      "overconfidence",
      Kind.PROBABILITY,
      "chance a verification approves an answer it cannot support or that contradicts what it"
          + " understood, and a critique reports a setback as progress"),
  CRITIQUE_NOISE(
      "critiqueNoise",
      Kind.NON_NEGATIVE,
      "standard deviation of the Gaussian noise added to a critique score"),
  JUDGE_NOISE(
      "judgeNoise",
      Kind.NON_NEGATIVE,
      "standard deviation of the Gaussian noise added to each candidate's score when judging"),
  MISREAD(
      "misread",
      Kind.PROBABILITY,
      "chance, times the share of the question's content words a distractor paragraph contains,"
          + " that a reader takes that distractor for a supporting fact and reads a wrong candidate"
          + " answer from its text"),
  MEMORY_RECALL(
      "memoryRecall",
      Kind.PROBABILITY,
      "chance, fixed per question and model (the same for every strategy and role), that the model"
          + " knows the answer from memory and answers without searching"),
  SUMMARY_LOSS(
      "summaryLoss",
      Kind.PROBABILITY,
      "chance a fact the summariser read is left out of the summary it writes"),
  TRACKER_ADHERENCE(
      "trackerAdherence",
      Kind.PROBABILITY,
      "chance, per tool call, that the model sizes its batch as the Budget Tracker's advice for the"
          + " regime shown says, instead of as it would without a budget shown"),
  DECOMPOSITION_ERROR(
      "decompositionError",
      Kind.PROBABILITY,
      "chance, per planning request for sub-questions (Plan-and-Budget), that the planner misses"
          + " the question's split and returns the whole question as its one sub-question"),
  COMPLEXITY_NOISE(
      "complexityNoise",
      Kind.NON_NEGATIVE,
      "standard deviation of the Gaussian noise added to each sub-question's complexity (1 to 5)"
          + " that the planner estimates from the sub-question's surface form");

  /** What values a parameter accepts. */
  public enum Kind {
    /** A number in [0, 1]. */
    PROBABILITY,
    /** A whole number >= 1. */
    COUNT,
    /** A finite number >= 0. */
    NON_NEGATIVE
  }

  private final String key;
  private final Kind kind;
  private final String meaning;

  SimParameter(String key, Kind kind, String meaning) {
    this.key = key;
    this.kind = kind;
    this.meaning = meaning;
  }

  /** The name in the profile file. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** What the number means, in one sentence. */
  public String meaning() {
    return meaning;
  }

  /** Null when {@code value} is acceptable, else what would be. */
  String problem(double value) {
    boolean ok =
        switch (kind) {
          case PROBABILITY -> value >= 0 && value <= 1;
          case COUNT -> value >= 1 && value == Math.rint(value) && !Double.isInfinite(value);
          case NON_NEGATIVE -> value >= 0 && !Double.isInfinite(value);
        };
    if (ok) return null;
    return switch (kind) {
      case PROBABILITY -> "must be a probability in [0, 1]";
      case COUNT -> "must be a whole number >= 1";
      case NON_NEGATIVE -> "must be a finite number >= 0";
    };
  }
}
