package dev.frugal.testbed.memory;

/**
 * The behavioural numbers of the SIMULATED memory roles (docs/memory.md, "Bands (v3)"). Each is
 * written in the registry file {@code mem-sim.json} as {@code "name": {"value": x, "range": [low,
 * high], "source": "where x comes from"}}.
 */
public enum MemoryParameter {
  SMALL_READ_SKILL(
      "smallReadSkill", false, "chance sim-mem-small understands a supporting sentence it reads"),
  MID_READ_SKILL("midReadSkill", false, "the same for sim-mem-mid"),
  LARGE_READ_SKILL("largeReadSkill", false, "the same for sim-mem-large"),
  READER_SKILL(
      "readerSkill", false, "chance the answering reader understands a supporting sentence"),
  REASONING_BONUS(
      "reasoningBonus", false, "read skill a chain-of-thought prompt adds to a memory model"),
  PLAN_BONUS("planBonus", false, "read skill a plan-act-reflect prompt adds to a memory model"),
  SKILL_CAP("skillCap", false, "the most read skill a prompt style can lift a memory model to"),
  FILTER_KEEP("filterKeep", true, "lines a model Filter keeps"),
  SUMMARY_KEEP("summaryKeep", true, "lines a model Summary restates"),
  REASONING_QUOTES("reasoningQuotes", true, "prompt sentences a chain-of-thought reply quotes"),
  PLAN_QUOTES("planQuotes", true, "prompt sentences a plan-act-reflect reply quotes"),
  YES_NO_SUPPORT(
      "yesNoSupport",
      true,
      "understood supporting sentences the reader needs to answer a yes/no question right"),
  NOTE_MIN_KEYWORDS(
      "noteMinKeywords", true, "keywords a sentence needs for the note writer to restate it"),
  NOTE_DATE_SHARE(
      "noteDateShare", false, "share of the note writer's output cap left for resolved dates");

  private final String key;
  private final boolean count;
  private final String meaning;

  MemoryParameter(String key, boolean count, String meaning) {
    this.key = key;
    this.count = count;
    this.meaning = meaning;
  }

  /** The name in the registry file. */
  public String key() {
    return key;
  }

  /** Whether the number is a whole count (drawn values are rounded, at least 1). */
  public boolean count() {
    return count;
  }

  /** What the number means, in one phrase. */
  public String meaning() {
    return meaning;
  }
}
