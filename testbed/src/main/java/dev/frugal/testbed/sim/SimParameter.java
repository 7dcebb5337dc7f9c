package dev.frugal.testbed.sim;

/**
 * The behavioural numbers of a {@link SimProfile}. Each is written in the profile file as {@code
 * "name": {"value": x, "source": "where x comes from"}}.
 */
public enum SimParameter {
  READ_SKILL(
      "readSkill",
      Kind.PROBABILITY,
      "chance the simulated agent picks up the fact of a supporting paragraph each time its full"
          + " text appears in an open result"),
  QUERY_TARGETS(
      "queryTargets",
      Kind.PROBABILITY,
      "chance a proposed query targets a still-missing supporting paragraph (else vague or aimed"
          + " at a distractor)"),
  OPEN_RIGHT(
      "openRight",
      Kind.PROBABILITY,
      "chance it opens a supporting title seen in search results rather than a distractor"),
  ANSWER_GIVEN_FACTS(
      "answerGivenFacts",
      Kind.PROBABILITY,
      "chance the final answer is the gold answer once every supporting fact is picked up"),
  GUESS_ACCURACY(
      "guessAccuracy",
      Kind.PROBABILITY,
      "chance a guess made without all facts is the gold answer"),
  EARLY_STOP(
      "earlyStop",
      Kind.PROBABILITY,
      "per-step chance of giving up and guessing when no budget is shown"),
  EARLY_STOP_WITH_BUDGET(
      "earlyStopWithBudget",
      Kind.PROBABILITY,
      "per-step chance of giving up and guessing when the Budget Tracker shows a HIGH or MEDIUM"
          + " budget"),
  EARLY_STOP_LOW_BUDGET(
      "earlyStopLowBudget",
      Kind.PROBABILITY,
      "per-step chance of giving up and guessing when the Budget Tracker shows a LOW budget"),
  QUERIES_PER_CALL(
      "queriesPerCall",
      Kind.COUNT,
      "most queries in one search call when no budget is shown (1 to this many, uniformly)"),
  OUTPUT_TOKENS_PER_STEP(
      "outputTokensPerStep",
      Kind.COUNT,
      "mean output tokens per reply (drawn uniformly between half and one and a half times this)"),
  LATENCY_MS("latencyMs", Kind.NON_NEGATIVE, "milliseconds each reply takes"),
  VERIFY_NOISE(
      "verifyNoise",
      Kind.PROBABILITY,
      "chance each constraint status in a verification is replaced by a different one"),
  OVERCONFIDENCE(
      "overconfidence",
      Kind.PROBABILITY,
      "chance a verification of an answer the agent has no facts for says SUCCESS, and a critique"
          + " reports a setback as progress"),
  CRITIQUE_NOISE(
      "critiqueNoise",
      Kind.NON_NEGATIVE,
      "standard deviation of the Gaussian noise added to a critique score"),
  JUDGE_SKILL(
      "judgeSkill",
      Kind.PROBABILITY,
      "chance a judge picks the gold candidate when one of the candidates is gold");

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
