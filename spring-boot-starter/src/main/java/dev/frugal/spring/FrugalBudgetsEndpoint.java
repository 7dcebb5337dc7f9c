package dev.frugal.spring;

import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.ScopeView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The actuator endpoint {@code frugalbudgets}: each shared scope's window, and what it used, what
 * calls in flight hold reserved and its cap, in dollars and tokens (expose it with {@code
 * management.endpoints.web.exposure.include=frugalbudgets}).
 */
@Endpoint(id = "frugalbudgets")
public class FrugalBudgetsEndpoint {
  private final FrugalAgents agents;

  public FrugalBudgetsEndpoint(FrugalAgents agents) {
    this.agents = agents;
  }

  /** Every scope an agent was asked for, by id ({@code user:KEY/WINDOW}). */
  @ReadOperation
  public Map<String, Object> scopes() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("store", agents.store().describe());
    Map<String, Object> scopes = new LinkedHashMap<>();
    for (ScopeView v : agents.views()) scopes.put(v.scope().id(), describe(v));
    out.put("scopes", scopes);
    return out;
  }

  /** One user's scope, whether or not an agent was asked for it yet. */
  @ReadOperation
  public Map<String, Object> scope(@Selector String key) {
    return describe(agents.store().view(agents.scope(key)));
  }

  static Map<String, Object> describe(ScopeView v) {
    LedgerSnapshot b = v.books();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scope", v.scope().id());
    m.put("window", v.window());
    m.put("usedUsd", b.used().usd());
    m.put("reservedUsd", b.reserved().usd());
    m.put(
        "capUsd",
        b.budget().usdPicos().isPresent()
            ? (Object) dev.frugal.core.budget.Money.usd(b.budget().usdPicos().getAsLong())
            : null);
    m.put("usedTokens", b.used().totalTokens());
    m.put("reservedTokens", b.reserved().totalTokens());
    m.put(
        "capTokens",
        b.budget().totalTokens().isPresent()
            ? (Object) b.budget().totalTokens().getAsLong()
            : null);
    return m;
  }
}
