package dev.frugal.router.training;

import dev.frugal.router.Decision;
import java.util.List;

/**
 * One run of one training question under one routing policy: whether it succeeded, what it cost
 * (unified cost in dollars), how many LARGE calls it made, and every routing decision with its
 * features.
 */
public record Rollout(
    String questionId, boolean success, double usd, int largeCalls, List<Decision> decisions) {
  /** Copies the decisions. */
  public Rollout {
    decisions = List.copyOf(decisions);
  }
}
