package dev.frugal.router.training;

import dev.frugal.router.RoutingPolicy;

/**
 * Where training rollouts come from: runs one question under a routing policy and reports the
 * {@link Rollout}. The testbed (simulated models over a real corpus) implements it in the examples
 * module; tests use synthetic ones. Must be thread-safe: the pipeline runs rollouts in parallel.
 */
@FunctionalInterface
public interface RolloutSource {

  /**
   * Runs {@code questionId} once with {@code policy} routing every model call; {@code seed} fixes
   * the environment's randomness and the policy's draws.
   */
  Rollout run(String questionId, RoutingPolicy policy, long seed);
}
