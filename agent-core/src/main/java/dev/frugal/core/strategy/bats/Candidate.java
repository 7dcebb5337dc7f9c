package dev.frugal.core.strategy.bats;

import java.util.Optional;

/**
 * An answer an attempt proposed, with how its verification went.
 *
 * @param answer the proposed answer (never blank, never "None")
 * @param attempt the 1-based attempt that proposed it
 * @param verification the verifier's judgement; empty when it was not verified (verification off,
 *     or no usable verifier reply)
 * @param forced whether the answer was forced because the budget or the steps ran out
 */
record Candidate(String answer, int attempt, Optional<Verification> verification, boolean forced) {

  public Candidate {
    if (answer == null || answer.isBlank()) {
      throw new IllegalArgumentException("a candidate answer must not be blank");
    }
    java.util.Objects.requireNonNull(verification, "verification");
  }

  /** True when the verifier decided SUCCESS. */
  public boolean verified() {
    return verification.map(v -> v.decision() == Verification.Decision.SUCCESS).orElse(false);
  }

  /**
   * The verifier's score used by Best-of-Majority: the share of constraints satisfied (1 for a
   * SUCCESS), 0 when unverified.
   */
  public double score() {
    return verification
        .map(v -> v.decision() == Verification.Decision.SUCCESS ? 1.0 : v.satisfiedFraction())
        .orElse(0.0);
  }
}
