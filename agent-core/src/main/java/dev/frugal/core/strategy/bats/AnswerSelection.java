package dev.frugal.core.strategy.bats;

/**
 * How BATS picks the final answer among its candidates (the BATS paper (arXiv 2511.17006) step 6).
 * Only the verified (SUCCESS) candidates compete when there is any; otherwise every proposed answer
 * does. "None" is never a candidate, so it is never picked while any answer exists.
 */
public sealed interface AnswerSelection {

  /**
   * A judge call at temperature 0 that picks one of the distinct candidates (the paper's default).
   * It is skipped when only one distinct answer competes. A judge reply that is not valid JSON, or
   * picks a number not on the list, is asked once more; then Best-of-Majority with alpha 0.1
   * decides [choice].
   */
  record Judge() implements AnswerSelection {}

  /**
   * Frequency-gated Best-of-Majority (docs/extras.md): group equivalent answers, keep the groups
   * whose share of the competing answers is at least {@code alpha}, and take the group with the
   * best verifier score (share of constraints satisfied); ties go to the more frequent group, then
   * to the one proposed first. No model call.
   *
   * @param alpha the frequency gate, in (0, 1]; the default is 0.1 [choice]
   */
  record BestOfMajority(double alpha) implements AnswerSelection {
    /** Checks the settings. */
    public BestOfMajority {
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
      }
    }
  }

  /** The judge. */
  static AnswerSelection judge() {
    return new Judge();
  }

  /** Best-of-Majority with {@code alpha} in (0, 1]. */
  static AnswerSelection bestOfMajority(double alpha) {
    return new BestOfMajority(alpha);
  }

  /** Best-of-Majority with the default alpha 0.1 [choice]. */
  static AnswerSelection bestOfMajority() {
    return new BestOfMajority(0.1);
  }
}
