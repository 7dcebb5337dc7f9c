package dev.frugal.memory.model;

/**
 * How a module's model is prompted (the reasoning axis): each style adds instructions and allows
 * more output tokens, so it costs more.
 */
public enum PromptStyle {
  /** The requested lines only: the fewest output tokens. */
  DIRECT("Reply with the requested lines only.", 256),
  /** Step-by-step reasoning before the lines. */
  CHAIN_OF_THOUGHT(
      "First think step by step in a section starting with REASONING:, then give the requested"
          + " lines.",
      640),
  /** Plan, act, then check: the most output tokens. */
  PLAN_ACT_REFLECT(
      "Work in three sections: PLAN: (how you will do it), ACT: (do it), REFLECT: (check the"
          + " result against the text and fix mistakes); then give the final requested lines.",
      1024);

  private final String instruction;
  private final int maxOutputTokens;

  PromptStyle(String instruction, int maxOutputTokens) {
    this.instruction = instruction;
    this.maxOutputTokens = maxOutputTokens;
  }

  /** The instruction appended to the module's prompt. */
  public String instruction() {
    return instruction;
  }

  /** The most output tokens a call in this style may use (and reserves). */
  public int maxOutputTokens() {
    return maxOutputTokens;
  }
}
