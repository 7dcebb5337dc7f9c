package dev.frugal.examples.bench;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reservations per second and latency per reservation through Redis: {@code processes} JVMs of
 * {@code threads} threads each reserve a model call against one tenant scope and settle it at once,
 * for {@code seconds}. Latency is one reservation (one Lua script round trip); throughput counts
 * reservations (each followed by its settle, a second round trip).
 *
 * <pre>{@code
 * java -cp ... dev.frugal.examples.bench.RedisReservationBenchmark redis://127.0.0.1:6379 4 8 20
 * }</pre>
 */
public final class RedisReservationBenchmark {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(0.15, 0.60)).build();

  private RedisReservationBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--worker")) {
      worker(
          args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
      return;
    }
    if (args.length < 4) {
      System.err.println(
          "usage: RedisReservationBenchmark REDIS_URL PROCESSES THREADS SECONDS"
              + " (e.g. redis://127.0.0.1:6379 4 8 20)");
      System.exit(2);
    }
    String url = args[0];
    int processes = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    String prefix = "bench-" + Long.toHexString(System.nanoTime());
    Path dir = Files.createTempDirectory("frugal-redis-bench");
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      ps.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  RedisReservationBenchmark.class.getName(),
                  "--worker",
                  url,
                  prefix,
                  Integer.toString(threads),
                  Integer.toString(seconds),
                  dir.resolve("lat-" + i).toString())
              .inheritIO()
              .start());
    }
    for (Process p : ps) {
      if (p.waitFor() != 0) throw new IllegalStateException("a worker process failed");
    }
    long[] all = new long[0];
    for (int i = 0; i < processes; i++) all = concat(all, read(dir.resolve("lat-" + i)));
    Arrays.sort(all);
    try (RedisBudgetStore store = RedisBudgetStore.builder().url(url).prefix(prefix).build()) {
      var books = store.view(scope()).books();
      System.out.printf(
          Locale.ROOT,
          "%d processes x %d threads, %d s: %d reservations, %.0f reservations/s;"
              + " per reservation p50 %.0f us, p99 %.0f us; scope used %d calls, reserved %d%n",
          processes,
          threads,
          seconds,
          all.length,
          all.length / (double) seconds,
          all[all.length / 2] / 1000.0,
          all[(int) (all.length * 0.99)] / 1000.0,
          books.used().modelCalls().getOrDefault("m", 0L),
          books.reserved().modelCalls().getOrDefault("m", 0L));
    }
  }

  static BudgetScope scope() {
    return BudgetScope.parse(
        "tenant:bench/day",
        Budget.builder().usd(1_000_000).totalTokens(Long.MAX_VALUE / 4).build());
  }

  private static void worker(String url, String prefix, int threads, int seconds, Path out)
      throws Exception {
    RedisBudgetStore store =
        RedisBudgetStore.builder().url(url).prefix(prefix).timeout(Duration.ofSeconds(5)).build();
    BudgetScope scope = scope();
    Spend estimate = Spend.modelCall("m", 500, 0, 256, PRICES);
    Spend actual = Spend.modelCall("m", 480, 0, 100, PRICES);
    store.reserve(List.of(scope), estimate).release(); // loads the script before timing
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long[][] lat = new long[threads][];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int me = t;
      ts[t] =
          new Thread(
              () -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  BudgetStore.Hold h = store.reserve(List.of(scope), estimate);
                  long dt = System.nanoTime() - t0;
                  if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                  mine[n++] = dt;
                  h.settle(actual);
                }
                lat[me] = Arrays.copyOf(mine, n);
              });
      ts[t].start();
    }
    for (Thread t : ts) t.join();
    store.close();
    try (DataOutputStream d =
        new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(out)))) {
      for (long[] l : lat) for (long v : l) d.writeLong(v);
    }
  }

  private static long[] read(Path p) throws IOException {
    List<Long> vs = new ArrayList<>();
    try (DataInputStream d =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(p)))) {
      while (true) vs.add(d.readLong());
    } catch (EOFException end) {
      // all read
    }
    return vs.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
