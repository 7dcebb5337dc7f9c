package dev.frugal.budget.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Spend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Shared books that survive crashes (README, "Shared budgets across processes"): a client process
 * whose model call is in flight loses Redis (killed, then restarted from its append-only file), or
 * is itself killed. Afterwards the scope's books equal what the fake provider billed: a settle
 * Redis could not take was journaled to disk and delivered by the next process on the store, and a
 * reservation nobody settled was charged when its lease expired, not given back as if free.
 */
class CrashedBooksTest {
  static final long LEASE_MS = 1_500;

  @TempDir Path dir;
  private Process redis;
  private Process client;

  @AfterEach
  void stopEverything() {
    if (client != null) client.destroyForcibly();
    if (redis != null) redis.destroyForcibly();
  }

  @Test
  void aSettleRedisMissedIsJournaledAndTheNextProcessDeliversItExactly() throws Exception {
    Path binary = TestRedis.serverBinary();
    int port = TestRedis.freePort();
    String url = "redis://127.0.0.1:" + port;
    String prefix = TestRedis.prefix("crash-settle");
    Path data = Files.createDirectories(dir.resolve("redis"));
    Path journal = dir.resolve("journal");
    Path go = dir.resolve("go");
    redis = TestRedis.startPersistent(binary, port, data, dir.resolve("redis.out"));
    client = startClient(url, prefix, journal, go);
    awaitLine(dir.resolve("client.out"), "calling");
    redis.destroyForcibly(); // SIGKILL mid-call: the reservation is already on disk (fsync always)
    assertThat(redis.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Files.createFile(go); // the provider answers now and bills; the settle cannot reach Redis
    assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("client.out"));
    assertThat(client.exitValue()).as(out).isZero();
    assertThat(out).contains("ended answered undelivered=1");

    redis = TestRedis.startPersistent(binary, port, data, dir.resolve("redis.out"));
    Thread.sleep(LEASE_MS + 500);
    long billed =
        Spend.modelCall(
                "m", SlowCallWorker.BILLED_IN, 0, SlowCallWorker.BILLED_OUT, SlowCallWorker.PRICES)
            .picos();
    // a process without the journal sees the expired lease charged, not given back for free
    try (RedisBudgetStore other =
        RedisBudgetStore.builder().url(url).prefix(prefix).journal(null).build()) {
      LedgerSnapshot books = other.view(SlowCallWorker.scope()).books();
      assertThat(books.reserved()).isEqualTo(Spend.ZERO);
      assertThat(books.used().picos()).isGreaterThanOrEqualTo(billed);
    }
    // the next process on the store (and journal) delivers the settle: the books are the bill
    try (RedisBudgetStore next =
        RedisBudgetStore.builder().url(url).prefix(prefix).journal(journal).build()) {
      LedgerSnapshot books = next.view(SlowCallWorker.scope()).books();
      assertThat(books.used().picos()).isEqualTo(billed);
      assertThat(books.used().inputTokens()).isEqualTo(SlowCallWorker.BILLED_IN);
      assertThat(books.used().outputTokens()).isEqualTo(SlowCallWorker.BILLED_OUT);
      assertThat(books.reserved()).isEqualTo(Spend.ZERO);
      assertThat(next.undelivered()).isZero();
    }
    // delivered once: a third process replays nothing and the books stay the bill
    try (RedisBudgetStore third =
        RedisBudgetStore.builder().url(url).prefix(prefix).journal(journal).build()) {
      assertThat(third.view(SlowCallWorker.scope()).books().used().picos()).isEqualTo(billed);
    }
  }

  @Test
  void aClientKilledMidCallIsChargedItsReservationWhenTheLeaseExpires() throws Exception {
    Path binary = TestRedis.serverBinary();
    int port = TestRedis.freePort();
    String url = "redis://127.0.0.1:" + port;
    String prefix = TestRedis.prefix("crash-client");
    Path data = Files.createDirectories(dir.resolve("redis"));
    redis = TestRedis.startPersistent(binary, port, data, dir.resolve("redis.out"));
    client = startClient(url, prefix, dir.resolve("journal"), dir.resolve("go"));
    awaitLine(dir.resolve("client.out"), "calling");
    long held;
    try (JedisPooled jedis = new JedisPooled(new HostAndPort("127.0.0.1", port))) {
      Set<String> holds = jedis.keys("{" + prefix + "}:hold:*");
      assertThat(holds).hasSize(1);
      held = Long.parseLong(jedis.hget(holds.iterator().next(), "usd"));
    }
    client.destroyForcibly(); // SIGKILL: no settle, release or close runs
    assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
    redis.destroyForcibly();
    assertThat(redis.waitFor(20, TimeUnit.SECONDS)).isTrue();
    redis = TestRedis.startPersistent(binary, port, data, dir.resolve("redis.out"));
    Thread.sleep(LEASE_MS + 500);
    try (RedisBudgetStore store =
        RedisBudgetStore.builder().url(url).prefix(prefix).journal(null).build()) {
      LedgerSnapshot books = store.view(SlowCallWorker.scope()).books();
      // the provider was sent the call and may bill up to what was reserved for it
      long billedAtMost =
          Spend.modelCall(
                  "m",
                  SlowCallWorker.BILLED_IN,
                  0,
                  SlowCallWorker.BILLED_OUT,
                  SlowCallWorker.PRICES)
              .picos();
      assertThat(books.used().picos()).isEqualTo(held).isGreaterThanOrEqualTo(billedAtMost);
      assertThat(books.used().modelCalls()).isEqualTo(java.util.Map.of("m", 1L));
      assertThat(books.reserved()).isEqualTo(Spend.ZERO);
    }
  }

  private Process startClient(String url, String prefix, Path journal, Path go) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                cp,
                SlowCallWorker.class.getName(),
                url,
                prefix,
                journal.toString(),
                go.toString(),
                Long.toString(LEASE_MS)))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("client.out").toFile())
        .start();
  }

  private static void awaitLine(Path file, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).contains(line)) return;
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + line + "' from " + file + ": " + Files.readString(file));
  }
}
