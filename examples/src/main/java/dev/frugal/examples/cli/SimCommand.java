package dev.frugal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frugal sim}: the simulated models as a service. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "The simulated models (sim-small, sim-large) behind an OpenAI-compatible endpoint.",
    subcommands = {SimServeCommand.class})
public final class SimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
