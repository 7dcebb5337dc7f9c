package dev.frugal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frugal memory}: ask a memory, train and benchmark its tier router. */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = "BudgetMem runtime memory: ask over a history, train the tier router, benchmark.",
    subcommands = {MemoryAskCommand.class, MemoryTrainCommand.class, MemoryBenchCommand.class})
public final class MemoryCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
