package dev.frugal.examples.cli;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.SharedBudgets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --budget-store URL} and {@code --scope SPEC}: the shared budgets (in Redis) that every run
 * of {@code ask} or {@code bench} also draws from.
 */
final class SharedBudgetOptions {
  static final String SCOPE_FORMAT =
      "NAME/WINDOW[,CAP=LIMIT...] with WINDOW day, month or none and CAP one of usd, tokens,"
          + " input, output, tool.TOOL, calls.MODEL (e.g. tenant:acme/day,usd=5,tool.search=200)";

  @Option(
      names = "--budget-store",
      paramLabel = "URL",
      description =
          "where shared budgets live: redis://host:port (every process pointing at it shares"
              + " the --scope caps)")
  String url;

  @Option(
      names = "--budget-journal",
      paramLabel = "DIR",
      description =
          "where settles Redis could not take are kept until a later process on the same store"
              + " delivers them (default: ~/.frugal/budget-journal)")
  java.nio.file.Path journal;

  @Option(
      names = "--scope",
      paramLabel = "SPEC",
      description = "a shared budget this run also draws from (repeatable): " + SCOPE_FORMAT)
  List<String> scopes = new ArrayList<>();

  @Option(
      names = "--scope-wait",
      paramLabel = "DURATION",
      description =
          "how long a call the --scope budgets refuse waits for room (held by other runs' calls"
              + " in flight) before it is refused, e.g. 30s, 500ms or 2m (default: 0, refuse at"
              + " once)",
      converter = WaitConverter.class)
  java.time.Duration wait;

  /**
   * Reads {@code --scope-wait} while the flags are parsed, so a bad value stops before any work.
   */
  static final class WaitConverter
      implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      try {
        return parseWait(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The shared budgets, or null when none were asked for; the caller closes the store. */
  SharedBudgets open() {
    java.time.Duration waitFor = wait == null ? java.time.Duration.ZERO : wait;
    if (url == null) {
      if (wait != null) {
        throw new IllegalArgumentException(
            "--scope-wait needs --budget-store redis://host:port and at least one --scope");
      }
      if (!scopes.isEmpty()) {
        throw new IllegalArgumentException(
            "--scope needs --budget-store redis://host:port (where the shared books live)");
      }
      return null;
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException(
          "--budget-store needs at least one --scope " + SCOPE_FORMAT);
    }
    List<BudgetScope> parsed = new ArrayList<>();
    for (String s : scopes) parsed.add(parseScope(s));
    return new SharedBudgets(store(url, journal), parsed).waitUpTo(waitFor);
  }

  /** Parses {@code --scope-wait}: a number with ms, s or m (e.g. 30s); 0 is allowed. */
  static java.time.Duration parseWait(String spec) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)").matcher(spec.trim());
    if (spec.trim().equals("0")) return java.time.Duration.ZERO;
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--scope-wait '"
              + spec
              + "' is not a duration; expected a number with ms, s or m, e.g. 30s, 500ms or 2m"
              + " (0: refuse at once)");
    }
    double n = Double.parseDouble(m.group(1));
    double millis = n * (m.group(2).equals("ms") ? 1 : m.group(2).equals("s") ? 1000 : 60_000);
    if (millis > 86_400_000) {
      throw new IllegalArgumentException(
          "--scope-wait '" + spec + "' is longer than a day; give at most 24h, e.g. 30s or 2m");
    }
    return java.time.Duration.ofMillis(Math.round(millis));
  }

  static RedisBudgetStore store(String url, java.nio.file.Path journal) {
    RedisBudgetStore.Builder b = RedisBudgetStore.builder().url(url);
    if (journal != null) b.journal(journal);
    return b.build();
  }

  /**
   * Checks that every {@code tool.TOOL} cap of the scopes names a tool of this run, so a typo such
   * as {@code tool.serch} is not a cap that never binds.
   */
  static void checkToolCaps(List<BudgetScope> scopes, java.util.Set<String> tools) {
    for (BudgetScope s : scopes) {
      for (dev.frugal.core.budget.Cap cap : s.caps().caps().keySet()) {
        if (cap instanceof dev.frugal.core.budget.Cap.ToolUnits t && !tools.contains(t.tool())) {
          throw new IllegalArgumentException(
              "--scope "
                  + s.id()
                  + ": unknown cap key 'tool."
                  + t.tool()
                  + "': this run has no tool '"
                  + t.tool()
                  + "'; its tools are "
                  + new java.util.TreeSet<>(tools)
                  + " (CAP is one of usd, tokens, input, output, tool.TOOL, calls.MODEL)");
        }
      }
    }
  }

  /** Parses {@code NAME/WINDOW[,CAP=LIMIT...]}; errors say what is valid. */
  static BudgetScope parseScope(String spec) {
    String[] parts = spec.split(",");
    Budget.Builder caps = Budget.builder();
    java.util.Set<String> named = new java.util.HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq <= 0) throw bad(spec, "'" + p + "' is not CAP=LIMIT");
      String cap = p.substring(0, eq);
      String value = p.substring(eq + 1);
      if (!named.add(cap)) throw bad(spec, "cap '" + cap + "' is given twice; give each cap once");
      try {
        if (cap.equals("usd")) caps.usd(Double.parseDouble(value));
        else if (cap.equals("tokens")) caps.totalTokens(Long.parseLong(value));
        else if (cap.equals("input")) caps.inputTokens(Long.parseLong(value));
        else if (cap.equals("output")) caps.outputTokens(Long.parseLong(value));
        else if (cap.startsWith("tool.")) caps.toolUnits(cap.substring(5), Long.parseLong(value));
        else if (cap.startsWith("calls.")) caps.modelCalls(cap.substring(6), Long.parseLong(value));
        else throw bad(spec, "unknown cap '" + cap + "'");
      } catch (NumberFormatException e) {
        throw bad(spec, "'" + value + "' is not a number for " + cap);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("--scope")) throw e;
        throw bad(spec, e.getMessage());
      }
    }
    return BudgetScope.parse(parts[0].trim(), caps.build());
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException(
        "--scope '" + spec + "': " + why + "; expected " + SCOPE_FORMAT);
  }
}
