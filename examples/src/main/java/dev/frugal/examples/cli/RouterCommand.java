package dev.frugal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frugal router}: train and evaluate SMALL/LARGE routers in the testbed. */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    description =
        "Train (boundary-guided SFT + BoPO) and evaluate per-step SMALL/LARGE routers; fit the"
            + " kNN router from logged episodes (fit-knn).",
    subcommands = {RouterTrainCommand.class, RouterEvalCommand.class, RouterFitKnnCommand.class})
public final class RouterCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
