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
      names = "--scope",
      paramLabel = "SPEC",
      description = "a shared budget this run also draws from (repeatable): " + SCOPE_FORMAT)
  List<String> scopes = new ArrayList<>();

  /** The shared budgets, or null when none were asked for; the caller closes the store. */
  SharedBudgets open() {
    if (url == null) {
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
    return new SharedBudgets(store(url), parsed);
  }

  static RedisBudgetStore store(String url) {
    return RedisBudgetStore.builder().url(url).build();
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
