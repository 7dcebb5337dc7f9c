package dev.frugal.router;

/** The two models a router chooses between; the ordinal is the policy network's action index. */
public enum Tier {
  SMALL,
  LARGE
}
