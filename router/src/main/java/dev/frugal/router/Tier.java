package dev.frugal.router;

/** The two models a router chooses between; the ordinal is the policy network's action index. */
public enum Tier {
  /** The small, cheap model. */
  SMALL,
  /** The large, expensive model. */
  LARGE
}
