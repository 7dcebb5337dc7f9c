package dev.frugal.examples.cli;

import dev.frugal.testbed.router.RouterTestbed;
import picocli.CommandLine.Option;

/**
 * The options {@code router train} and {@code router eval} share (a picocli mixin): the SIMULATED
 * small/large pair and the fixed conditions of every episode, so that a router is evaluated under
 * the settings it was trained with unless told otherwise.
 */
final class RouterTestbedOptions {
  @Option(names = "--small", defaultValue = "sim-small", description = "small profile")
  String small;

  @Option(names = "--large", defaultValue = "sim-large", description = "large profile")
  String large;

  @Option(names = "--strategy", defaultValue = "react+tracker", description = "strategy")
  String strategy;

  @Option(names = "--tool-units", defaultValue = "10", description = "units of search and open")
  int toolUnits;

  @Option(names = "--max-steps", defaultValue = "30", description = "step limit")
  int maxSteps;

  /** The episode conditions these options give; throws for an unknown strategy. */
  RouterTestbed.Settings settings() {
    return new RouterTestbed.Settings(strategy, toolUnits, maxSteps);
  }

  /** The testbed of {@code dataset} ('bundled' or a file) with this pair and these settings. */
  RouterTestbed open(String dataset) {
    return new RouterTestbed(dataset, small, large, settings());
  }
}
