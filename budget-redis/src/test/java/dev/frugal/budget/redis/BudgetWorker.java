package dev.frugal.budget.redis;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process of {@link MultiProcessBudgetTest}: {@code threads} threads drawing model calls and
 * tool units from one tenant scope through Redis until the stop file appears. Before every settle
 * it writes {@code id units inTokens outTokens picos} to its log (unbuffered, so a SIGKILL loses
 * nothing written), letting the test sum exactly the settles Redis marked done.
 */
public final class BudgetWorker {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).tool("search", 0.001).build();

  /** The scope every worker draws from; the test checks its caps. */
  static BudgetScope scope() {
    return BudgetScope.parse(
        "tenant:load/day",
        Budget.builder()
            .toolUnits("search", 400)
            .inputTokens(60_000)
            .outputTokens(20_000)
            .totalTokens(75_000)
            .modelCalls("m", 150)
            .usd(0.45)
            .build());
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    int threads = Integer.parseInt(args[2]);
    Path log = Path.of(args[3]);
    Path stop = Path.of(args[4]);
    long leaseMs = Long.parseLong(args[5]);
    RedisBudgetStore store =
        RedisBudgetStore.builder()
            .url(url)
            .prefix(prefix)
            .leaseTtl(Duration.ofMillis(leaseMs))
            .timeout(Duration.ofMillis(500))
            .journal(Path.of(args[6]))
            .build();
    BudgetScope scope = scope();
    AtomicLong granted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long[] lat = new long[1 << 16];
        latencies.add(lat);
        Thread th =
            new Thread(
                () -> {
                  int n = 0;
                  ThreadLocalRandom rnd = ThreadLocalRandom.current();
                  while (!Files.exists(stop)) {
                    boolean tool = rnd.nextBoolean();
                    Spend estimate =
                        tool
                            ? Spend.tool("search", 1 + rnd.nextInt(4), PRICES)
                            : Spend.modelCall("m", 200 + rnd.nextInt(400), 0, 128, PRICES);
                    BudgetStore.Hold hold;
                    long t0 = System.nanoTime();
                    try {
                      hold = store.reserve(List.of(scope), estimate);
                    } catch (BudgetExceededException e) {
                      refused.incrementAndGet();
                      pause(10);
                      continue;
                    } catch (BudgetStoreUnavailableException e) {
                      unavailable.incrementAndGet();
                      pause(20);
                      continue;
                    }
                    if (n < lat.length) lat[n++] = System.nanoTime() - t0;
                    granted.incrementAndGet();
                    pause(rnd.nextInt(3));
                    if (rnd.nextInt(10) == 0) {
                      hold.release();
                      continue;
                    }
                    Spend actual =
                        tool
                            ? Spend.tool(
                                "search", 1 + rnd.nextLong(estimate.amount(unitsCap())), PRICES)
                            : Spend.modelCall(
                                "m",
                                estimate.inputTokens() - rnd.nextInt(100),
                                0,
                                1 + rnd.nextInt(128),
                                PRICES);
                    write(
                        out,
                        hold.id()
                            + " "
                            + actual.toolUnits().getOrDefault("search", 0L)
                            + " "
                            + actual.inputTokens()
                            + " "
                            + actual.outputTokens()
                            + " "
                            + actual.picos()
                            + "\n");
                    hold.settle(actual);
                  }
                });
        th.start();
        ts.add(th);
      }
      System.out.println("ready");
      System.out.flush();
      for (Thread th : ts) th.join();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (store.deliverUndelivered() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    store.close();
    List<Long> all = new ArrayList<>();
    for (long[] lat : latencies) {
      for (long v : lat) {
        if (v == 0) break;
        all.add(v);
      }
    }
    all.sort(null);
    System.out.println(
        "granted="
            + granted
            + " refused="
            + refused
            + " unavailable="
            + unavailable
            + " undelivered="
            + store.undelivered()
            + " p50us="
            + (all.isEmpty() ? 0 : all.get(all.size() / 2) / 1000)
            + " p99us="
            + (all.isEmpty() ? 0 : all.get((int) (all.size() * 0.99)) / 1000));
  }

  private static dev.frugal.core.budget.Cap unitsCap() {
    return new dev.frugal.core.budget.Cap.ToolUnits("search");
  }

  private static void write(OutputStream out, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static void pause(int ms) {
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
