package dev.frugal.budget.redis;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetScopeCapsException;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.ScopeView;
import dev.frugal.core.budget.Spend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A {@link BudgetStore} in Redis, shared by every process that points at the same server and key
 * prefix.
 *
 * <pre>{@code
 * RedisBudgetStore store = RedisBudgetStore.builder().url("redis://127.0.0.1:6379").build();
 * Agent agent = Agent.builder()...
 *     .sharedBudgets(SharedBudgets.of(store,
 *         BudgetScope.parse("tenant:acme/day", Budget.builder().usd(50).build())))
 *     .build();
 * }</pre>
 *
 * <p><b>Atomic.</b> Reserve, settle, release and record are each one Lua script ({@code
 * books.lua}): a reservation is checked and held against every cap of every scope at once, or not
 * at all. Amounts are integers (pico-dollars, tokens, units, calls) added by {@code HINCRBY} and
 * compared as decimal strings, so they stay exact.
 *
 * <p><b>Leases.</b> Each reservation is a lease ({@link Builder#leaseTtl}, default 10 minutes):
 * when its process dies before settling, the next script to run after the lease expired charges the
 * held amount as used (the provider may have billed the call), never zero. A settle arriving later
 * replaces that charge with what was really spent; a release takes it back. Choose a lease longer
 * than your slowest model call.
 *
 * <p><b>Idempotent, durable settles.</b> A settle is keyed by its reservation id and counted once,
 * however often it is delivered. A settle, release or record that cannot reach Redis is appended to
 * a local journal ({@link Builder#journal}, default {@code ~/.frugal/budget-journal/<store>.jsonl})
 * and forced to disk; the next operation of this process, and the first of any later process on the
 * same store, delivers it (docs: README, "Shared budgets across processes").
 *
 * <p><b>Caps belong to the scope.</b> A scope's caps are stored with it: {@link #setCaps} writes
 * them (the operator's {@code frugal budget set}); a scope without stored caps takes those of the
 * first run that names some. A run may name lower caps for itself; one that names a higher cap, or
 * a cap the scope lacks, is refused with a {@link BudgetScopeCapsException} quoting the stored
 * caps: a client cannot raise what its operator set.
 *
 * <p><b>Clock.</b> The server's {@code TIME} decides which UTC day or month a reservation belongs
 * to, so processes with skewed clocks agree.
 *
 * <p><b>Unreachable Redis.</b> By default the store fails closed: {@link #reserve} throws {@link
 * BudgetStoreUnavailableException} and the run ends with that stop reason, having spent nothing
 * unchecked. {@link Builder#failOpen(boolean)} instead lets runs go on under their own caps only.
 *
 * <p>Keys share the hash tag {@code {prefix}}: one slot, so the scripts also run on a cluster.
 */
public final class RedisBudgetStore implements BudgetStore {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RedisBudgetStore.class);
  private static final String SCRIPT = readScript();

  private final JedisPooled redis;
  private final String where;
  private final String prefix;
  private final long leaseMillis;
  private final boolean failOpen;
  private final Queue<List<String>> undelivered = new ConcurrentLinkedQueue<>();
  private final Journal journal;
  private volatile boolean replayed;
  private final java.util.concurrent.atomic.AtomicInteger journaled =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile String sha;

  private RedisBudgetStore(Builder b) {
    this.where = redact(b.url);
    this.journal =
        b.journalDir == null ? null : new Journal(b.journalDir.resolve(journalName(b) + ".jsonl"));
    this.prefix = b.prefix;
    this.leaseMillis = b.leaseTtl.toMillis();
    this.failOpen = b.failOpen;
    int timeout = (int) b.timeout.toMillis();
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeout)
            .socketTimeoutMillis(timeout);
    String userInfo = b.url.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        config.password(userInfo);
      } else {
        if (colon > 0) config.user(userInfo.substring(0, colon));
        config.password(userInfo.substring(colon + 1));
      }
    }
    String path = b.url.getPath();
    if (path != null && path.length() > 1) {
      config.database(Integer.parseInt(path.substring(1)));
    }
    this.redis = new JedisPooled(new HostAndPort(b.url.getHost(), b.url.getPort()), config.build());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code url} with its user and password replaced by {@code ***}, for every message. */
  public static String redact(String url) {
    if (url == null) return null;
    return url.replaceAll("(?i)(redis://)[^@/\\s]*@", "$1***@");
  }

  private static String redact(URI url) {
    return url.getUserInfo() == null ? url.toString() : redact(url.toString());
  }

  /** The journal file's name: the store's address and prefix hashed, without its credentials. */
  private static String journalName(Builder b) {
    String key = b.url.getHost() + ":" + b.url.getPort() + "/" + b.url.getPath() + " " + b.prefix;
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The journal of settles Redis could not take, or null when kept in memory only. */
  public java.nio.file.Path journalFile() {
    return journal == null ? null : journal.file();
  }

  @Override
  public Hold reserve(List<BudgetScope> scopes, Spend estimate) {
    String id = UUID.randomUUID().toString();
    List<String> args = new ArrayList<>(List.of("reserve", prefix, id, Long.toString(leaseMillis)));
    appendScopes(scopes, args);
    Dims.append(estimate, args);
    List<?> reply;
    try {
      deliverKept();
      reply = (List<?>) run(args);
    } catch (BudgetStoreUnavailableException e) {
      if (!failOpen) throw e;
      LOG.warn("{}; failing open: the run goes on under its own caps only", e.getMessage());
      return new Unchecked(id, scopes);
    }
    if (((Long) reply.get(0)) == 2L) {
      // {2, scope id, stored caps (dim, limit)..., dim named, limit named}
      throw capsConflict(
          (String) reply.get(1),
          (List<?>) reply.get(2),
          (String) reply.get(3),
          (String) reply.get(4));
    }
    if (((Long) reply.get(0)) == 0L) {
      // {0, scope id, window, dim, want, committed including want, cap, used}
      long want = Long.parseLong((String) reply.get(4));
      long committed = Long.parseLong((String) reply.get(5));
      long limit = Long.parseLong((String) reply.get(6));
      long used = Long.parseLong((String) reply.get(7));
      if (used > limit) {
        throw BudgetExceededException.overshotInScope(
            (String) reply.get(1),
            (String) reply.get(2),
            Dims.cap((String) reply.get(3)),
            used,
            limit);
      }
      throw BudgetExceededException.inScope(
          (String) reply.get(1),
          (String) reply.get(2),
          Dims.cap((String) reply.get(3)),
          want,
          Math.max(0, limit - (committed - want)),
          limit);
    }
    return new Held(id, (String) reply.get(1));
  }

  @Override
  public void record(List<BudgetScope> scopes, Spend actual) {
    List<String> args =
        new ArrayList<>(List.of("record", prefix, "rec-" + UUID.randomUUID().toString()));
    appendScopes(scopes, args);
    Dims.append(actual, args);
    deliver(args);
  }

  @Override
  public ScopeView view(BudgetScope scope) {
    List<String> args = new ArrayList<>(List.of("view", prefix));
    appendScopes(List.of(scope), args);
    deliverKept();
    List<?> reply = (List<?>) run(args);
    Map<String, String> fields = fields((List<?>) reply.get(1));
    Map<String, String> stored = new LinkedHashMap<>();
    fields((List<?>) reply.get(2)).forEach((k, v) -> stored.put("cap:" + k, v));
    // the scope's stored caps; books written before caps were stored kept them per window
    Budget caps = Dims.budget(stored.isEmpty() ? fields : stored);
    BudgetScope shown =
        caps.isUnlimited() ? scope : new BudgetScope(scope.name(), scope.window(), caps);
    return new ScopeView(
        shown,
        (String) reply.get(0),
        new LedgerSnapshot(
            shown.caps(), Dims.spend(fields, "u:"), Dims.spend(fields, "r:"), Optional.empty()));
  }

  /**
   * Writes {@code scope}'s caps, replacing those stored (the operator's decision: {@code frugal
   * budget set}); runs may then only lower them for themselves.
   *
   * @throws BudgetStoreUnavailableException when Redis cannot be reached
   */
  public void setCaps(BudgetScope scope) {
    if (scope.caps().isUnlimited()) {
      throw new IllegalArgumentException(
          "scope " + scope.id() + ": give at least one cap to set, e.g. " + scope.id() + ",usd=5");
    }
    List<String> args = new ArrayList<>(List.of("setcaps", prefix));
    appendScopes(List.of(scope), args);
    deliverKept();
    run(args);
  }

  @Override
  public void reset(BudgetScope scope) {
    List<String> args = new ArrayList<>(List.of("reset", prefix));
    appendScopes(List.of(scope), args);
    run(args);
  }

  @Override
  public String describe() {
    return where;
  }

  /**
   * Settles, releases and records not yet delivered because Redis could not be reached (in this
   * process's memory, and in the journal file, whichever process wrote them).
   */
  public int undelivered() {
    return undelivered.size() + (journal == null ? 0 : journal.pending());
  }

  /**
   * Tries to deliver every settle and record kept while Redis was unreachable (each operation also
   * does so first); returns how many are still undelivered.
   */
  public int deliverUndelivered() {
    try {
      deliverKept();
    } catch (BudgetStoreUnavailableException e) {
      LOG.debug("still unreachable: {}", e.getMessage());
    }
    return undelivered();
  }

  /** Tries once more to deliver what is undelivered, then closes the connections. */
  @Override
  public void close() {
    try {
      deliverKept();
    } catch (BudgetStoreUnavailableException e) {
      LOG.warn(
          "{} settle(s) could not be delivered to {} before closing ({}): {}",
          undelivered(),
          where,
          journal == null
              ? "they are lost: the store keeps no journal"
              : "kept in " + journal.file() + " for the next process on this store",
          e.getMessage());
    }
    redis.close();
  }

  private void appendScopes(List<BudgetScope> scopes, List<String> args) {
    args.add(Integer.toString(scopes.size()));
    for (BudgetScope s : scopes) {
      args.add(s.id());
      args.add(s.window().word());
      Dims.appendCaps(s.caps(), args);
    }
  }

  /** Sends a settle or record, or keeps it for later when Redis cannot be reached. */
  private void deliver(List<String> args) {
    try {
      deliverKept();
      run(args);
    } catch (BudgetStoreUnavailableException e) {
      keep(args);
      LOG.warn("{}; kept {} for later delivery", e.getMessage(), args.get(0));
    }
  }

  /** Journals an operation Redis could not take (in memory only without a journal). */
  private void keep(List<String> args) {
    if (journal != null) {
      try {
        journal.append(args);
        journaled.incrementAndGet();
        return;
      } catch (UncheckedIOException e) {
        LOG.warn("{}; keeping {} in memory only", e.getMessage(), args.get(0));
      }
    }
    undelivered.add(args);
  }

  private void deliverKept() {
    List<String> next;
    while ((next = undelivered.peek()) != null) {
      run(next); // idempotent by id: a repeat after a lost reply counts once
      undelivered.remove(next);
    }
    if (journal != null && (!replayed || journaled.get() > 0)) {
      int before = journaled.get();
      try {
        journal.replay(
            args -> {
              run(args);
              return true;
            });
      } catch (UncheckedIOException e) {
        LOG.warn("{}; its settles stay there for a later process", e.getMessage());
      }
      replayed = true;
      journaled.addAndGet(-before);
    }
  }

  private static Map<String, String> fields(List<?> flat) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    return fields;
  }

  private BudgetScopeCapsException capsConflict(
      String scopeId, List<?> stored, String dim, String named) {
    Map<String, String> caps = fields(stored);
    Map<String, String> withPrefix = new LinkedHashMap<>();
    caps.forEach((k, v) -> withPrefix.put("cap:" + k, v));
    Budget b = Dims.budget(withPrefix);
    String has = caps.containsKey(dim) ? "raises" : "adds";
    return new BudgetScopeCapsException(
        "shared budget "
            + scopeId
            + " in "
            + where
            + " has the caps "
            + Dims.describe(b)
            + "; this run's --scope "
            + has
            + " "
            + Dims.describe(Dims.cap(dim), Long.parseLong(named))
            + ", and a run may only lower a scope's caps for itself. Drop the caps from --scope to"
            + " use the stored ones, or change them with: frugal budget set "
            + scopeId
            + ",CAP=LIMIT --budget-store URL (RedisBudgetStore.setCaps)");
  }

  private Object run(List<String> args) {
    try {
      String s = sha;
      if (s == null) {
        s = redis.scriptLoad(SCRIPT);
        sha = s;
      }
      try {
        return redis.evalsha(s, List.of(), args);
      } catch (JedisNoScriptException e) {
        sha = null; // the server restarted and lost its script cache
        return redis.eval(SCRIPT, List.of(), args);
      }
    } catch (JedisConnectionException e) {
      throw unavailable(e);
    } catch (redis.clients.jedis.exceptions.JedisAccessControlException e) {
      throw refused(e);
    } catch (JedisDataException e) {
      String m = String.valueOf(e.getMessage());
      if (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.startsWith("NOPERM")) {
        throw refused(e);
      }
      if (m.startsWith("LOADING") || m.startsWith("MASTERDOWN") || m.startsWith("READONLY")) {
        throw unavailable(e);
      }
      throw e;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  private BudgetStoreUnavailableException unavailable(Exception e) {
    return new BudgetStoreUnavailableException(
        "budget store "
            + where
            + " is unreachable ("
            + e.getMessage()
            + "); no call is made that the shared scopes cannot check",
        e);
  }

  private BudgetStoreUnavailableException refused(Exception e) {
    return new BudgetStoreUnavailableException(
        "budget store "
            + where
            + " refused the credentials ("
            + e.getMessage()
            + "): check the user and password in the store URL"
            + " (redis://USER:PASSWORD@host:port); no call is made that the shared scopes cannot"
            + " check",
        e);
  }

  private static String readScript() {
    try (InputStream in = RedisBudgetStore.class.getResourceAsStream("books.lua")) {
      return new String(
          Objects.requireNonNull(in, "books.lua").readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reservation held in Redis. */
  private final class Held implements Hold {
    private final String id;
    private final String keys;

    Held(String id, String keys) {
      this.id = id;
      this.keys = keys;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void settle(Spend actual) {
      List<String> args = new ArrayList<>(List.of("settle", prefix, id, keys));
      Dims.append(actual, args);
      deliver(args);
    }

    @Override
    public void release() {
      deliver(new ArrayList<>(List.of("release", prefix, id)));
    }

    /** Keeps holding: if no settle comes, the expired lease charges the estimate. */
    @Override
    public void outlive() {}
  }

  /** A reservation made while failing open: nothing held; what it spends is recorded later. */
  private final class Unchecked implements Hold {
    private final String id;
    private final List<BudgetScope> scopes;

    Unchecked(String id, List<BudgetScope> scopes) {
      this.id = id;
      this.scopes = scopes;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void settle(Spend actual) {
      List<String> args = new ArrayList<>(List.of("record", prefix, "rec-" + id));
      appendScopes(scopes, args);
      Dims.append(actual, args);
      deliver(args);
    }

    @Override
    public void release() {}
  }

  /** Builds a {@link RedisBudgetStore}; each setter names what is wrong with its value. */
  public static final class Builder {
    private URI url = URI.create("redis://127.0.0.1:6379");
    private String prefix = "frugal";
    private Duration leaseTtl = Duration.ofMinutes(10);
    private Duration timeout = Duration.ofSeconds(2);
    private boolean failOpen;
    private java.nio.file.Path journalDir =
        java.nio.file.Path.of(System.getProperty("user.home"), ".frugal", "budget-journal");

    private Builder() {}

    /**
     * The folder of the journal of settles Redis could not take (default {@code
     * ~/.frugal/budget-journal}); one file per store and prefix, shared by every process on that
     * store. {@code null} keeps them in memory only, lost when the process ends.
     */
    public Builder journal(java.nio.file.Path dir) {
      this.journalDir = dir;
      return this;
    }

    /** {@code redis://[[user]:password@]host:port[/database]}; default redis://127.0.0.1:6379. */
    public Builder url(String url) {
      URI u;
      try {
        u = URI.create(url == null ? "" : url.trim());
      } catch (IllegalArgumentException e) {
        u = null;
      }
      if (u == null
          || !"redis".equals(u.getScheme())
          || u.getHost() == null
          || u.getPort() < 1
          || (u.getPath() != null && !u.getPath().matches("|/|/\\d{1,2}"))) {
        throw new IllegalArgumentException(
            "budget store URL must look like redis://host:port or"
                + " redis://:password@host:port/db (e.g. redis://127.0.0.1:6379), got '"
                + redact(url)
                + "'");
      }
      this.url = u;
      return this;
    }

    /** The prefix of every key (one hash tag); different prefixes keep separate books. */
    public Builder prefix(String prefix) {
      if (prefix == null || !prefix.matches("[A-Za-z0-9:._-]{1,64}")) {
        throw new IllegalArgumentException(
            "prefix must be 1-64 letters, digits or ':._-' (default frugal), got '" + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /** How long a reservation holds its amount if never settled or released; default 10 min. */
    public Builder leaseTtl(Duration ttl) {
      if (ttl == null || ttl.toMillis() < 100) {
        throw new IllegalArgumentException(
            "leaseTtl must be at least 100 ms (longer than the slowest call), got " + ttl);
      }
      this.leaseTtl = ttl;
      return this;
    }

    /** Connect and read timeout per command; default 2 s. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.toMillis() < 1 || timeout.toMillis() > 600_000) {
        throw new IllegalArgumentException(
            "timeout must be between 1 ms and 10 minutes, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * When Redis cannot be reached: false (default) refuses every reservation (fail closed); true
     * lets runs go on under their own caps and records their spending once Redis is back.
     */
    public Builder failOpen(boolean failOpen) {
      this.failOpen = failOpen;
      return this;
    }

    /** Builds the store; it connects on first use. */
    public RedisBudgetStore build() {
      return new RedisBudgetStore(this);
    }
  }
}
