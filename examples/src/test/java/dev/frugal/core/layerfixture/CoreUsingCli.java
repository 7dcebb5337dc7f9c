package dev.frugal.core.layerfixture;

import dev.frugal.examples.cli.FrugalCli;

/**
 * A test fixture in agent-core's package tree that depends on the CLI: the arrow the module layer
 * rules forbid, so that {@code ModuleLayersTest} can show its rule reports it.
 */
public final class CoreUsingCli {
  private CoreUsingCli() {}

  /** Names the CLI's class, which a core class must never do. */
  public static Class<?> wrongWay() {
    return FrugalCli.class;
  }
}
