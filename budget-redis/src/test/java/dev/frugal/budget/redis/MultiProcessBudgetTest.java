package dev.frugal.budget.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Spend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Four JVM processes of eight threads each draw from one tenant scope through one real Redis. One
 * process is killed with SIGKILL and Redis is restarted while they run. Afterwards no hold is left
 * (the dead process's leases expired and were charged), and what the scope used equals exactly the
 * settles Redis acknowledged, each counted once, plus the holds whose leases expired unsettled
 * (charged their reservation, as a call the provider may have billed).
 */
class MultiProcessBudgetTest {
  static final int PROCESSES = 4;
  static final int THREADS = 8;
  static final long LEASE_MS = 5_000;

  @TempDir Path dir;
  private Process redis;
  private final List<Process> workers = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    workers.forEach(Process::destroyForcibly);
    if (redis != null) redis.destroyForcibly();
  }

  @Test
  void processesKilledAndRedisRestartedLeaveNoOverspendAndBalancedBooks() throws Exception {
    Path binary = TestRedis.serverBinary();
    int port = TestRedis.freePort();
    String url = "redis://127.0.0.1:" + port;
    String prefix = TestRedis.prefix("multi");
    Path data = Files.createDirectories(dir.resolve("redis"));
    redis = startRedis(binary, port, data);
    Path stop = dir.resolve("stop");
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (int i = 0; i < PROCESSES; i++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx128m",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              cp,
              BudgetWorker.class.getName(),
              url,
              prefix,
              Integer.toString(THREADS),
              dir.resolve("settles-" + i + ".log").toString(),
              stop.toString(),
              Long.toString(LEASE_MS),
              dir.resolve("journal").toString());
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + i + ".out").toFile());
      workers.add(pb.start());
    }
    for (int i = 0; i < PROCESSES; i++) awaitLine(dir.resolve("worker-" + i + ".out"), "ready");

    Thread.sleep(2_500);
    workers.get(0).destroyForcibly(); // SIGKILL: no settle, release or close runs
    workers.get(0).waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(1_000);
    redis.destroy(); // SIGTERM: Redis writes its append-only file and exits
    assertThat(redis.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(1_000); // the workers find no Redis and must fail closed
    redis = startRedis(binary, port, data);
    Thread.sleep(3_000);
    Files.createFile(stop);
    List<String> stats = new ArrayList<>();
    for (int i = 1; i < PROCESSES; i++) {
      assertThat(workers.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(workers.get(i).exitValue()).as(out(i)).isZero();
      stats.add(lastLine(dir.resolve("worker-" + i + ".out")));
    }
    assertThat(stats).allSatisfy(s -> assertThat(s).contains("undelivered=0"));
    assertThat(stats).anySatisfy(s -> assertThat(s).doesNotContain(" unavailable=0 "));
    assertThat(stats).anySatisfy(s -> assertThat(s).doesNotContain(" refused=0 "));

    Thread.sleep(
        LEASE_MS + 500); // the dead process's leases (and holds whose reply was lost) expire
    try (RedisBudgetStore store = RedisBudgetStore.builder().url(url).prefix(prefix).build()) {
      LedgerSnapshot books = store.view(BudgetWorker.scope()).books();
      assertThat(books.reserved()).isEqualTo(Spend.ZERO);
      for (Map.Entry<Cap, Long> cap : books.budget().caps().entrySet()) {
        assertThat(books.used().amount(cap.getKey()))
            .as("used of %s", cap.getKey().describe())
            .isLessThanOrEqualTo(cap.getValue());
      }
      long[] acknowledged = acknowledgedSettles(port, prefix);
      long[] charged = chargedLeases(port, prefix);
      for (int k = 0; k < 4; k++) acknowledged[k] += charged[k];
      System.out.printf(
          "multi-process budget: workers %s; used %s of %s; acknowledged settles plus charged"
              + " leases %s (charged %s)%n",
          stats,
          books.used(),
          books.budget(),
          java.util.Arrays.toString(acknowledged),
          java.util.Arrays.toString(charged));
      Spend used = books.used();
      assertThat(
              new long[] {
                used.toolUnits().getOrDefault("search", 0L),
                used.inputTokens(),
                used.outputTokens(),
                used.picos()
              })
          .isEqualTo(acknowledged);
      assertThat(acknowledged[0]).isPositive();
    }
  }

  /** Sums every logged settle (the killed process's too) whose id Redis marked done. */
  private long[] acknowledgedSettles(int port, String prefix) throws IOException {
    long[] sum = new long[4];
    try (JedisPooled jedis = new JedisPooled(new HostAndPort("127.0.0.1", port))) {
      for (int i = 0; i < PROCESSES; i++) {
        Path log = dir.resolve("settles-" + i + ".log");
        if (!Files.exists(log)) continue;
        for (String line : Files.readAllLines(log)) {
          String[] f = line.split(" ");
          if (f.length != 5) continue; // the killed process may have died mid-line
          if (!jedis.exists("{" + prefix + "}:done:" + f[0])) continue;
          for (int k = 0; k < 4; k++) sum[k] += Long.parseLong(f[k + 1]);
        }
      }
    }
    return sum;
  }

  /** Sums the holds whose leases expired unsettled: each was charged its reservation. */
  private long[] chargedLeases(int port, String prefix) {
    long[] sum = new long[4];
    try (JedisPooled jedis = new JedisPooled(new HostAndPort("127.0.0.1", port))) {
      for (String key : jedis.keys("{" + prefix + "}:charged:*")) {
        Map<String, String> f = jedis.hgetAll(key);
        sum[0] += Long.parseLong(f.getOrDefault("tool:search", "0"));
        sum[1] += Long.parseLong(f.getOrDefault("in", "0"));
        sum[2] += Long.parseLong(f.getOrDefault("out", "0"));
        sum[3] += Long.parseLong(f.getOrDefault("usd", "0"));
      }
    }
    return sum;
  }

  private Process startRedis(Path binary, int port, Path data) throws Exception {
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                data.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (JedisPooled j = new JedisPooled(new HostAndPort("127.0.0.1", port))) {
        if ("PONG".equals(j.ping())) return p;
      } catch (RuntimeException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("redis-server did not answer on port " + port);
  }

  private static void awaitLine(Path file, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).contains(line)) return;
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + line + "' from " + file + ": " + Files.readString(file));
  }

  private String out(int i) throws IOException {
    return Files.readString(dir.resolve("worker-" + i + ".out"));
  }

  private static String lastLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
