package dev.frugal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code frugal} command. */
@Command(
    name = "frugal",
    mixinStandardHelpOptions = true,
    version = "frugal 0.1.0-SNAPSHOT",
    description = "Budget-aware LLM agents: ask questions within a budget, benchmark strategies.",
    subcommands = {
      AskCommand.class,
      BenchCommand.class,
      TraceCommand.class,
      ToolsCommand.class,
      RouterCommand.class,
      SimCommand.class
    })
public final class FrugalCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: bad flags print what was wrong and the usage, exit code 2. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FrugalCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof IllegalArgumentException
              || ex instanceof java.io.UncheckedIOException
              || ex instanceof dev.frugal.core.trace.TraceFormatException
              || ex instanceof dev.frugal.tools.dataset.DatasetFormatException) {
            // bad input: say what was wrong (the message names what would be valid)
            cmd.getErr().println("frugal: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cl;
  }
}
