package dev.frugal.examples.cli;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.ScopeView;
import dev.frugal.core.budget.Spend;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal budget show|set|reset SCOPE --budget-store URL}: inspect, cap or zero a shared
 * scope.
 */
@Command(
    name = "budget",
    mixinStandardHelpOptions = true,
    description = {
      "Shows, caps or resets a shared budget scope kept in Redis (its current UTC window).",
      "A scope's caps belong to its operator: 'set' writes them; a run may name lower caps for"
          + " itself but is refused (exit 5) when it names higher ones or caps the scope lacks.",
      "  ./frugal budget set tenant:acme/day,usd=5 --budget-store redis://127.0.0.1:6379",
      "  ./frugal budget show tenant:acme/day --budget-store redis://127.0.0.1:6379",
      "  ./frugal budget reset tenant:acme/day --budget-store redis://127.0.0.1:6379"
    })
public final class BudgetCommand implements Callable<Integer> {

  /** What to do with the scope. */
  public enum Action {
    show,
    set,
    reset
  }

  @Parameters(
      index = "0",
      paramLabel = "ACTION",
      description = "show, set (write the scope's caps) or reset (zero what it used)")
  Action action;

  @Parameters(
      index = "1",
      paramLabel = "SCOPE",
      description =
          "the scope, "
              + SharedBudgetOptions.SCOPE_FORMAT
              + "; show prints the caps stored with the scope")
  String scope;

  @Option(
      names = "--budget-store",
      required = true,
      paramLabel = "URL",
      description = "the Redis holding the scope: redis://host:port")
  String url;

  @Option(
      names = "--budget-journal",
      paramLabel = "DIR",
      description =
          "the journal of settles Redis could not take, delivered first (default:"
              + " ~/.frugal/budget-journal)")
  java.nio.file.Path journal;

  @Override
  public Integer call() {
    BudgetScope s = SharedBudgetOptions.parseScope(scope);
    if (action == Action.set && s.caps().isUnlimited()) {
      throw new IllegalArgumentException(
          "budget set needs at least one cap, e.g. "
              + s.id()
              + ",usd=5; expected "
              + SharedBudgetOptions.SCOPE_FORMAT);
    }
    try (RedisBudgetStore store = SharedBudgetOptions.store(url, journal)) {
      if (action == Action.set) {
        store.setCaps(s);
        System.out.println("set the caps of " + s.id() + " (runs may only lower them)");
        s = new BudgetScope(s.name(), s.window(), dev.frugal.core.budget.Budget.unlimited());
      }
      if (action == Action.reset) {
        store.reset(s);
        System.out.println("reset " + s.id() + ": used is zero again (holds in flight stay)");
      }
      print(System.out, store.view(s), store.describe());
    }
    return 0;
  }

  static void print(PrintStream out, ScopeView v, String where) {
    LedgerSnapshot b = v.books();
    out.printf("scope %s, window %s, store %s%n", v.scope().id(), v.window(), where);
    out.printf(
        "  used: %s; reserved by calls in flight: %s%n",
        describe(b.used()), describe(b.reserved()));
    if (b.budget().caps().isEmpty()) {
      out.println(
          "  no caps stored for this scope (set them: frugal budget set SCOPE,usd=5 --budget-store URL)");
      return;
    }
    out.printf("  %-28s %16s %16s %16s %16s%n", "cap", "limit", "used", "reserved", "remaining");
    b.budget()
        .caps()
        .forEach(
            (cap, limit) ->
                out.printf(
                    "  %-28s %16s %16s %16s %16s%n",
                    cap.describe(),
                    amount(cap, limit),
                    amount(cap, b.used().amount(cap)),
                    amount(cap, b.reserved().amount(cap)),
                    amount(cap, b.remaining(cap).getAsLong())));
  }

  private static String amount(Cap cap, long v) {
    return cap instanceof Cap.Usd ? String.format(Locale.ROOT, "$%.6f", Money.usd(v)) : "" + v;
  }

  private static String describe(Spend s) {
    return String.format(
        Locale.ROOT,
        "$%.6f, %d input + %d output tokens, tool units %s, model calls %s",
        s.usd(),
        s.inputTokens(),
        s.outputTokens(),
        s.toolUnits(),
        s.modelCalls());
  }
}
