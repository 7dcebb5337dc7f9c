package dev.frugal.spring;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.ScopeView;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agents of the application: one drawing on the run caps alone ({@link #agent()}, also the
 * context's {@code Agent} bean), and one per shared scope ({@link #forScope(String)}), whose runs
 * draw on that scope's budget in the {@link BudgetStore} as well (see {@link SharedBudgets}: each
 * call reserves against the run and the scope before it is sent and settles after).
 *
 * <p>Agents of recent scopes are kept (up to {@value #KEPT} of them), so a busy user does not pay
 * for building an agent on every request; the books themselves live in the store, so an agent
 * rebuilt later sees what the scope spent before.
 */
public final class FrugalAgents {
  /** How many scopes' agents (and ids, for the actuator endpoint) are kept. */
  static final int KEPT = 10_000;

  private final Supplier<AgentBuilder> template;
  private final BudgetStore store;
  private final Window window;
  private final Budget scopeCaps;
  private final Duration wait;
  private final FrugalScopeResolver resolver;
  private final Agent agent;
  private final Map<String, Agent> byScope =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Agent> eldest) {
          return size() > KEPT;
        }
      };

  /**
   * @param template a fresh builder with everything but shared budgets set, each time it is asked
   * @param store where shared scopes keep their books
   * @param window the window of each scope
   * @param scopeCaps the caps of each scope
   * @param wait how long a reservation waits for the scope to have room
   * @param resolver names the current request's scope; null when the application has none
   */
  FrugalAgents(
      Supplier<AgentBuilder> template,
      BudgetStore store,
      Window window,
      Budget scopeCaps,
      Duration wait,
      FrugalScopeResolver resolver) {
    this.template = Objects.requireNonNull(template, "template");
    this.store = Objects.requireNonNull(store, "store");
    this.window = Objects.requireNonNull(window, "window");
    this.scopeCaps = Objects.requireNonNull(scopeCaps, "scopeCaps");
    this.wait = Objects.requireNonNull(wait, "wait");
    this.resolver = resolver;
    this.agent = template.get().build();
  }

  /** The agent whose runs draw on the run caps ({@code frugal.budget.*}) alone. */
  public Agent agent() {
    return agent;
  }

  /** The scope {@code user:KEY/WINDOW} with the caps of {@code frugal.budget.per-user.*}. */
  public BudgetScope scope(String key) {
    return new BudgetScope("user:" + key, window, scopeCaps);
  }

  /** An agent whose runs draw on the run caps and on the scope of {@code key}. */
  public Agent forScope(String key) {
    BudgetScope scope = scope(key);
    synchronized (byScope) {
      Agent a = byScope.get(key);
      if (a != null) return a;
    }
    Agent built =
        template
            .get()
            .sharedBudgets(new SharedBudgets(store, List.of(scope)).waitUpTo(wait))
            .build();
    synchronized (byScope) {
      return byScope.computeIfAbsent(key, k -> built);
    }
  }

  /**
   * The agent for the request being served: that of the scope the {@link FrugalScopeResolver}
   * names, or {@link #agent()} when there is no resolver or it names no scope.
   */
  public Agent forCurrentRequest() {
    if (resolver == null) return agent;
    Optional<String> key = resolver.scopeKey();
    return key.map(this::forScope).orElse(agent);
  }

  /** The store keeping the scopes' books. */
  public BudgetStore store() {
    return store;
  }

  /** The books of every scope an agent was asked for (most recent {@value #KEPT}). */
  public List<ScopeView> views() {
    List<String> keys;
    synchronized (byScope) {
      keys = new ArrayList<>(byScope.keySet());
    }
    List<ScopeView> out = new ArrayList<>();
    for (String k : keys) out.add(store.view(scope(k)));
    return out;
  }
}
