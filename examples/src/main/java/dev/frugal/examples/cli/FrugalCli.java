package dev.frugal.examples.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code frugal} command. */
@Command(
    name = "frugal",
    mixinStandardHelpOptions = true,
    version = "frugal 0.1.0-SNAPSHOT",
    description = "Budget-aware LLM agents: ask questions within a budget, benchmark strategies.",
    footer = {
      "%nThe web page (a Spring Boot app, docs/web.md): frugal web --port N [--base-url URL"
          + " --model NAME]"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (for ask: an answer, or a forced one when a cap or the step limit ran out)",
      "1:done, but a plug-in jar could not be loaded (tools), or an unexpected internal error",
      "2:bad input: a flag, a question the simulated model does not know, a malformed trace",
      "3:ask: the model failed (unreachable, refused the key, server error, unreadable reply)",
      "4:ask: the run was cancelled",
      "5:ask, budget: the shared budget store failed (unreachable, refused the credentials, or"
          + " other caps for a --scope); no call is made after that, what was spent before is"
          + " charged and printed"
    },
    subcommands = {
      AskCommand.class,
      BenchCommand.class,
      TraceCommand.class,
      ToolsCommand.class,
      McpCommand.class,
      RouterCommand.class,
      MemoryCommand.class,
      BudgetCommand.class,
      PricesCommand.class,
      SimCommand.class
    })
public final class FrugalCli implements Runnable {
  /** Exit code: bad input (flags, unknown question, malformed trace). */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code: {@code ask}'s model failed for good. */
  public static final int EXIT_MODEL_FAILURE = 3;

  /** Exit code: {@code ask}'s run was cancelled. */
  public static final int EXIT_CANCELLED = 4;

  /** Exit code: the shared budget store could not be reached (the run failed closed). */
  public static final int EXIT_BUDGET_STORE = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    redactSecretsFromStandardStreams();
    System.exit(commandLine().execute(args));
  }

  /**
   * Puts a {@link RedactingOutputStream} in front of stdout and stderr before anything is printed
   * or logged, so that no configured key reaches the terminal, whatever code prints it.
   */
  static void redactSecretsFromStandardStreams() {
    Secrets secrets = Secrets.fromEnvironment(System.getenv());
    System.setOut(redacting(System.out, "stdout.encoding", "sun.stdout.encoding", secrets));
    System.setErr(redacting(System.err, "stderr.encoding", "sun.stderr.encoding", secrets));
  }

  /**
   * A stream in front of {@code original}, encoding as it does (the JVM's stdout/stderr setting).
   */
  private static PrintStream redacting(
      PrintStream original, String property, String legacyProperty, Secrets secrets) {
    String name = System.getProperty(property, System.getProperty(legacyProperty));
    Charset cs;
    try {
      cs = name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (RuntimeException e) {
      cs = Charset.defaultCharset();
    }
    return new PrintStream(new RedactingOutputStream(original, secrets), true, cs);
  }

  /** The width help is laid out in: wide enough that no command's summary breaks inside a word. */
  static final int HELP_WIDTH = 100;

  /**
   * The configured command line: a bad flag prints what was wrong and one line pointing at the
   * command's {@code --help} (not the whole usage), exit code 2.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FrugalCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(HELP_WIDTH);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println(ex.getMessage());
          // a misspelled flag: name the closest ones ("Did you mean: bench --budgets?")
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
          cmd.getErr()
              .println(
                  "Run '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help' for the options and what each accepts.");
          return EXIT_BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof IllegalArgumentException
              || ex instanceof java.io.UncheckedIOException
              || ex instanceof dev.frugal.core.trace.TraceFormatException
              || ex instanceof dev.frugal.tools.dataset.DatasetFormatException) {
            // bad input: say what was wrong (the message names what would be valid)
            cmd.getErr().println("frugal: " + ex.getMessage());
            return EXIT_BAD_INPUT;
          }
          if (ex instanceof dev.frugal.core.budget.BudgetStoreUnavailableException) {
            // the store, not the input: unreachable, refused the credentials, or holds other caps
            cmd.getErr().println("frugal: " + ex.getMessage());
            return EXIT_BUDGET_STORE;
          }
          throw ex;
        });
    return cl;
  }
}
