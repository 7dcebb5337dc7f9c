package dev.frugal.core.tracker;

/**
 * How much budget is left, as the Budget Tracker tells the model (the BATS paper (arXiv
 * 2511.17006), Budget Tracker).
 */
public enum Regime {
  /** At least 70% left by default: explore (3-5 diverse queries, 2-3 results opened). */
  HIGH,
  /** 30-70%: converge (2-3 refined queries, 1-2 results). */
  MEDIUM,
  /** 10-30%: verify or finish (1 focused query, at most 1 result). */
  LOW,
  /** Under 10%, or any tool at 0: avoid the exhausted tool and answer with what is known. */
  CRITICAL
}
