package dev.frugal.memory.model;

/** The three model capacities the tiers draw on. */
public enum ModelSize {
  SMALL,
  MID,
  LARGE
}
