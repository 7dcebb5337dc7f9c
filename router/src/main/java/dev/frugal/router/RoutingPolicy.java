package dev.frugal.router;

import java.util.random.RandomGenerator;

/**
 * Decides SMALL or LARGE for one model call. The {@link RoutedSelector} applies the hard-budget
 * mask afterwards, whatever the policy says. Implementations must be thread-safe; randomness comes
 * from the generator passed in (one per run), so runs are reproducible.
 */
public interface RoutingPolicy {

  /** A short name for reports, e.g. {@code first-large-2}. */
  String name();

  /** The probability that this policy picks LARGE in {@code state}. */
  double largeProbability(RouteState state);

  /**
   * The policy's choice in {@code state}: {@link #choose(double, RandomGenerator)} of its P(LARGE).
   */
  default Tier choose(RouteState state, RandomGenerator random) {
    return choose(largeProbability(state), random);
  }

  /**
   * The choice given this policy's {@code largeProbability} for the state: by default LARGE with
   * that probability (no draw when it is 0 or 1).
   */
  default Tier choose(double p, RandomGenerator random) {
    if (p <= 0) return Tier.SMALL;
    if (p >= 1) return Tier.LARGE;
    return random.nextDouble() < p ? Tier.LARGE : Tier.SMALL;
  }
}
