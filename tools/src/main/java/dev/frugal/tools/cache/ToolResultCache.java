package dev.frugal.tools.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.intercept.ToolInvocation;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.frugal.tools.settings.PositiveDuration;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tool interceptor that serves identical calls from a Caffeine cache: the same tool name and the
 * same arguments in canonical form (keys sorted) within the time-to-live. Hits are marked {@link
 * #SERVED_BY} ({@code cached}) in the trace.
 *
 * <p>Within one run the engine already answers an exact repeat from the earlier result; this cache
 * reaches further: across runs of an agent, across agents that share it, and across the attempts of
 * strategies that start fresh runs.
 *
 * <p><b>Charging policy</b> [choice, default {@link Charging#FREE}]: a hit is not charged again, so
 * it neither spends units nor dollars, and it is served even when the tool's budget is spent.
 * {@link Charging#CHARGED} charges a hit like a real call (units reserved and settled by the
 * engine, refused when the budget cannot pay) but still does not run the tool; the trace then shows
 * the charged call followed by a {@code cached} entry of zero units.
 *
 * <p>Only successful results are stored; errors are tried again. Defaults [choice]: a 10 minute
 * time-to-live after writing, at most 1,000 entries, every tool cached (restrict with {@link
 * Builder#tools(String...)} for tools with side effects). Time comes from an injected Caffeine
 * {@link Ticker}, so tests move a fake clock instead of sleeping.
 */
public final class ToolResultCache implements ToolInterceptor {

  /** The word that marks a cached result in the trace. */
  public static final String SERVED_BY = "cached";

  /** Whether a cache hit is charged. */
  public enum Charging {
    /** A hit costs nothing (the default). */
    FREE,
    /** A hit is charged like the call it replays, but the tool is not run. */
    CHARGED
  }

  /** Hit and miss counts since the cache was built, and the entries held now. */
  public record Stats(long hits, long misses, long size) {}

  private final Cache<String, String> cache;
  private final Set<String> tools;
  private final Charging charging;
  private final Duration ttl;

  private ToolResultCache(Builder b) {
    this.ttl = b.ttl;
    this.tools = Set.copyOf(b.tools);
    this.charging = b.charging;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(b.ttl)
            .maximumSize(b.maximumSize)
            .ticker(b.ticker)
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /** Starts building a cache. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ToolResult intercept(Chain chain) {
    ToolInvocation inv = chain.invocation();
    String name = inv.tool().name();
    if (!tools.isEmpty() && !tools.contains(name)) return chain.proceed(inv);
    String key = name + '\u0000' + inv.call().canonicalArguments();
    String hit = cache.getIfPresent(key);
    if (hit != null) {
      if (charging == Charging.FREE) return ToolResult.ok(hit).servedBy(SERVED_BY);
      ToolResult charged = chain.proceed(replay(inv, hit));
      return charged.error() ? charged : charged.servedBy(SERVED_BY);
    }
    ToolResult r = chain.proceed(inv);
    if (r != null && !r.error() && r.servedBy() == null) cache.put(key, r.text());
    return r;
  }

  /** Hit and miss counts so far. */
  public Stats stats() {
    var s = cache.stats();
    return new Stats(s.hitCount(), s.missCount(), cache.estimatedSize());
  }

  /** The time-to-live after a result is stored. */
  public Duration ttl() {
    return ttl;
  }

  /** The charging policy. */
  public Charging charging() {
    return charging;
  }

  /** Forgets every stored result. */
  public void clear() {
    cache.invalidateAll();
  }

  private static ToolInvocation replay(ToolInvocation inv, String text) {
    Tool original = inv.tool();
    Tool replayed =
        new Tool() {
          @Override
          public ToolSpecification specification() {
            return original.specification();
          }

          @Override
          public UnitRule unitRule() {
            return original.unitRule();
          }

          @Override
          public ToolResult execute(ToolCall call) {
            return ToolResult.ok(text);
          }
        };
    return new ToolInvocation(
        inv.runId(), inv.step(), replayed, inv.call(), inv.units(), inv.rawArguments());
  }

  /** Builds a {@link ToolResultCache}; each setting is checked when set. */
  public static final class Builder {
    private Duration ttl = Duration.ofMinutes(10);
    private long maximumSize = 1_000;
    private Ticker ticker = Ticker.systemTicker();
    private final Set<String> tools = new LinkedHashSet<>();
    private Charging charging = Charging.FREE;
    private boolean toolsSet;

    private Builder() {}

    /** How long a stored result is served after it was stored; must be positive. */
    public Builder ttl(Duration ttl) {
      this.ttl = PositiveDuration.require(ttl, "ttl");
      return this;
    }

    /** The most results kept; the least useful are evicted beyond it. */
    public Builder maximumSize(long n) {
      if (n < 1) throw new IllegalArgumentException("maximumSize must be >= 1, got " + n);
      this.maximumSize = n;
      return this;
    }

    /** The clock, for tests; Caffeine's system ticker by default. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Caches only these tools (by name); every tool when never called. */
    public Builder tools(String... names) {
      if (toolsSet) throw new IllegalStateException("tools were already set to " + tools);
      List<String> list = List.of(names);
      if (list.isEmpty()) throw new IllegalArgumentException("name at least one tool to cache");
      for (String n : list) {
        if (n == null || n.isBlank()) throw new IllegalArgumentException("a tool name is blank");
        tools.add(n);
      }
      toolsSet = true;
      return this;
    }

    /** Whether a hit is charged like a real call (see {@link Charging}). */
    public Builder charging(Charging charging) {
      this.charging = Objects.requireNonNull(charging, "charging");
      return this;
    }

    /** Builds the cache. */
    public ToolResultCache build() {
      return new ToolResultCache(this);
    }
  }
}
