package dev.frugal.testbed.router;

import dev.frugal.router.RoutingPolicy;
import dev.frugal.testbed.bench.Sample;
import dev.frugal.tools.dataset.Question;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost-success comparison of routers and baselines on held-apart questions. For each dataset:
 * every policy runs every question once per seed with no cap on LARGE calls (the <i>soft</i>
 * budget: the learned routers trade success against cost by their training lambda); then, under
 * <i>hard caps</i> on LARGE calls set at given percentages of the mean number always-LARGE used
 * there (at least 1), the capped policies run again with the mask on.
 */
public final class RouterEvaluation {

  /** A dataset to evaluate on: a label, the testbed, and its questions. */
  public record Target(String label, RouterTestbed testbed, List<Question> questions) {}

  /** One cell: a policy on a dataset under a setting, over seeds. */
  public record Row(
      String dataset,
      String policy,
      String setting,
      long largeCap,
      int questions,
      int seeds,
      double success,
      double successSd,
      double f1,
      double usd,
      double usdSd,
      double largeCalls,
      double smallCalls,
      double largeShare) {}

  private final List<Target> targets;
  private final Map<String, RoutingPolicy> soft;
  private final Map<String, RoutingPolicy> capped;
  private final List<Integer> capPercents;
  private final int seeds;
  private final int threads;
  private final PrintStream progress;

  /**
   * @param soft the policies run without a cap, by report name (must include {@code always-large},
   *     whose LARGE calls set the caps)
   * @param capped the policies run under each cap
   */
  public RouterEvaluation(
      List<Target> targets,
      Map<String, RoutingPolicy> soft,
      Map<String, RoutingPolicy> capped,
      List<Integer> capPercents,
      int seeds,
      int threads,
      PrintStream progress) {
    if (!soft.containsKey("always-large")) {
      throw new IllegalArgumentException("the soft policies must include always-large");
    }
    this.targets = List.copyOf(targets);
    this.soft = new LinkedHashMap<>(soft);
    this.capped = new LinkedHashMap<>(capped);
    this.capPercents = List.copyOf(capPercents);
    this.seeds = seeds;
    this.threads = threads;
    this.progress = progress;
  }

  /** Runs everything and returns the rows, soft section first, per dataset. */
  public List<Row> run() throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Target t : targets) {
        Map<String, Row> softRows = new LinkedHashMap<>();
        for (Map.Entry<String, RoutingPolicy> p : soft.entrySet()) {
          Row r = cell(pool, t, p.getKey(), p.getValue(), "soft", OptionalLong.empty(), 0);
          softRows.put(p.getKey(), r);
          rows.add(r);
        }
        double largeRef = softRows.get("always-large").largeCalls();
        for (int pct : capPercents) {
          long cap = Math.max(1, Math.round(largeRef * pct / 100.0));
          for (Map.Entry<String, RoutingPolicy> p : capped.entrySet()) {
            rows.add(
                cell(
                    pool,
                    t,
                    p.getKey(),
                    p.getValue(),
                    "cap " + pct + "%",
                    OptionalLong.of(cap),
                    largeRef));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return rows;
  }

  private Row cell(
      ExecutorService pool,
      Target t,
      String name,
      RoutingPolicy policy,
      String setting,
      OptionalLong cap,
      double largeRef)
      throws InterruptedException {
    long t0 = System.nanoTime();
    List<List<Future<RouterTestbed.Outcome>>> bySeed = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    for (int s = 0; s < seeds; s++) {
      List<Future<RouterTestbed.Outcome>> fs = new ArrayList<>();
      int seed = s;
      for (Question q : t.questions()) {
        fs.add(
            pool.submit(
                () -> {
                  RouterTestbed.Outcome o = t.testbed().run(q, policy, seed, cap);
                  done.incrementAndGet();
                  return o;
                }));
      }
      bySeed.add(fs);
    }
    double[] success = new double[seeds];
    double[] f1 = new double[seeds];
    double[] usd = new double[seeds];
    double[] large = new double[seeds];
    double[] small = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      for (Future<RouterTestbed.Outcome> f : bySeed.get(s)) {
        RouterTestbed.Outcome o;
        try {
          o = f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("an episode failed: " + e.getCause(), e.getCause());
        }
        success[s] += o.success() ? 1 : 0;
        f1[s] += o.f1();
        usd[s] += o.usd();
        large[s] += o.largeCalls();
        small[s] += o.smallCalls();
      }
      int n = t.questions().size();
      success[s] /= n;
      f1[s] /= n;
      usd[s] /= n;
      large[s] /= n;
      small[s] /= n;
    }
    double l = Sample.mean(large);
    double sm = Sample.mean(small);
    Row r =
        new Row(
            t.label(),
            name,
            setting,
            cap.orElse(-1),
            t.questions().size(),
            seeds,
            Sample.mean(success),
            Sample.sd(success),
            Sample.mean(f1),
            Sample.mean(usd),
            Sample.sd(usd),
            l,
            sm,
            l + sm == 0 ? 0 : l / (l + sm));
    progress.printf(
        java.util.Locale.ROOT,
        "%s | %-22s | %-9s%s | success %.3f ± %.3f | $%.5f | LARGE %.2f, SMALL %.2f per question"
            + " (%.1f s)%n",
        t.label(),
        name,
        setting,
        cap.isPresent() ? " (" + cap.getAsLong() + ")" : "",
        r.success(),
        r.successSd(),
        r.usd(),
        l,
        sm,
        (System.nanoTime() - t0) / 1e9);
    return r;
  }
}
