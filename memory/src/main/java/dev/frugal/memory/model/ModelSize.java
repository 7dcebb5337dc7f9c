package dev.frugal.memory.model;

/** The three model capacities the tiers draw on. */
public enum ModelSize {
  /** The cheapest model. */
  SMALL,
  /** The middle model. */
  MID,
  /** The strongest, dearest model. */
  LARGE
}
