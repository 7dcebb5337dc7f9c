package dev.frugal.examples.bench;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.InProcessBudgetStore;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.ScopeView;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.testbed.bench.ScriptedLookups;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many runs at once in one JVM (docs/benchmarks.md): {@code runs} ReAct + Budget Tracker runs
 * submitted together to one executor, each against a <b>simulated model</b> (a local fake that
 * sleeps {@code latencyMs} per call, then asks for a tool until {@code toolCalls} results are in,
 * then answers). Every run also draws from one shared tenant scope in an {@link
 * InProcessBudgetStore}.
 *
 * <p>After untimed warm-up passes it times {@code -Dbench.passes} passes of the batch (default 5)
 * and reports each pass's wall time against the ideal ({@code runs x calls x latency /
 * concurrency}) and their median; then heap per in-flight run (used heap after a GC taken while the
 * runs wait on the model, minus the heap before they started, over the runs in flight); and it
 * checks the money of every pass: each run was charged the same, the runs' sum is {@code runs x}
 * one run, the scope's used dollars equal that sum, and nothing is left reserved.
 *
 * <pre>{@code
 * java -cp ... dev.frugal.examples.bench.ConcurrentRunsBenchmark RUNS platform|virtual [toolCalls] [latencyMs]
 * }</pre>
 *
 * <p>With {@code -Dbench.baseline=true} it runs the same batch with no engine (each task only
 * sleeps), the ceiling to read the figure against, timed the same way. {@code -Dbench.warmPasses=N}
 * (default 3) sets the untimed passes before the timed ones; {@code -Dbench.scope=false} leaves out
 * the shared scope (to see what it costs); {@code -Dbench.marks=true} prints each timed pass's
 * start and end to standard error ({@code System.nanoTime} and wall clock), to cut a profiler's
 * samples to it.
 *
 * <p>{@code virtual} needs Java 21+ at run time; the class itself is compiled for Java 17 and
 * creates the virtual-thread executor through reflection.
 */
public final class ConcurrentRunsBenchmark {
  private ConcurrentRunsBenchmark() {}

  /** Untimed passes of the measured batch before the timed ones. */
  private static final int WARM_PASSES = Integer.getInteger("bench.warmPasses", 3);

  /** Timed passes; the figure is their median, printed with each pass. */
  private static final int TIMED_PASSES = Math.max(1, Integer.getInteger("bench.passes", 5));

  /** The simulated model: fixed latency, a scripted conversation, fixed token usage. */
  static final class SlowFakeModel implements ChatModel {
    final int toolCalls;
    volatile long latencyMs;
    final AtomicInteger waiting = new AtomicInteger();
    // counted in the untimed pass only: a counter every call of both carriers updates is a cache
    // line they pass back and forth, a cost of this instrument, not of the model or the engine
    volatile boolean countWaiting;
    // when the latest run made its first call (System.nanoTime): how long the start-up burst took
    // (striped, so that the two carriers do not contend on it)
    final java.util.concurrent.atomic.LongAccumulator lastFirstCall =
        new java.util.concurrent.atomic.LongAccumulator(Math::max, Long.MIN_VALUE);

    // the replies are immutable and the same for every run: built once, as a model's cost is its
    // latency here, not the CPU of building its answers
    final ChatResponse[] replies;

    SlowFakeModel(int toolCalls, long latencyMs) {
      this.toolCalls = toolCalls;
      this.latencyMs = latencyMs;
      this.replies = new ChatResponse[toolCalls + 1];
      for (int i = 0; i <= toolCalls; i++) {
        replies[i] = ScriptedLookups.replyAfter(i, toolCalls, new TokenUsage(200, 20));
      }
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      if (request.messages().size() == 2) { // the system prompt and the question: a first call
        long now = System.nanoTime();
        lastFirstCall.accumulate(now);
      }
      boolean counted = countWaiting;
      if (counted) waiting.incrementAndGet();
      try {
        if (latencyMs > 0) Thread.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } finally {
        if (counted) waiting.decrementAndGet();
      }
      // the conversation is the system prompt, the question, then a reply and its one tool result
      // per turn: its size says how many results are in without reading every message
      int results = Math.max(0, (request.messages().size() - 2) / 2);
      return replies[Math.min(toolCalls, results)];
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: ConcurrentRunsBenchmark RUNS platform|virtual [toolCalls=3] [latencyMs=200]");
      System.exit(2);
    }
    int runs = Integer.parseInt(args[0]);
    String threads = args[1];
    int toolCalls = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long latencyMs = args.length > 3 ? Long.parseLong(args[3]) : 200;
    ExecutorService pool = executor(threads, runs);
    if (Boolean.getBoolean("bench.baseline")) {
      baseline(pool, runs, toolCalls + 1, latencyMs, threads);
      pool.shutdownNow();
      return;
    }
    SlowFakeModel model = new SlowFakeModel(toolCalls, latencyMs);
    PriceTable prices = PriceTable.builder().model("sim", ModelPrice.of(0.15, 0.60)).build();
    InProcessBudgetStore store = InProcessBudgetStore.create();
    BudgetScope tenant = BudgetScope.parse("tenant:bench/day", Budget.builder().usd(1_000).build());
    AgentBuilder builder =
        Agent.builder()
            .model("sim", model)
            .prices(prices)
            .toolsFrom(new ScriptedLookups.Lookup())
            .budget(Budget.builder().toolUnits("lookup", 10).usd(0.05).build())
            .executor(pool);
    boolean useScope = Boolean.parseBoolean(System.getProperty("bench.scope", "true"));
    if (useScope) builder.sharedBudgets(SharedBudgets.of(store, tenant));
    Agent agent = builder.build();
    // warm-up: first at 2 ms per call, so that class loading and the JIT of every path happen
    // outside the measurement, then the measured batch itself, untimed, so that the JIT has seen
    // (and compiled) the paths of many parked threads and the GC has sized its young generation
    // for this load; a profile of the timed pass with the short warm-up alone showed a third of
    // its CPU in the C2 compiler
    model.latencyMs = Math.min(2, latencyMs);
    for (int round = 0; round < 2; round++) {
      Batch.run(agent, pool, 4_000, false, model, model.latencyMs);
    }
    model.latencyMs = latencyMs;
    for (int round = 0; round < WARM_PASSES; round++) {
      Batch.run(agent, pool, runs, false, model, latencyMs);
    }

    // the timed passes: nothing else happens in the JVM while the runs go; unless
    // -Dbench.gcBefore=false each starts on a collected heap, as JMH's -gc option does, so that
    // whether a young collection falls in a pass depends on what the pass allocates, not on what
    // came before it (the figures print the collections that did fall in it). Several passes, as
    // JMH measures several iterations: one pass is one sample of a noisy machine
    boolean marks = Boolean.getBoolean("bench.marks");
    List<Batch> timed = new ArrayList<>();
    for (int pass = 0; pass < TIMED_PASSES; pass++) {
      store.reset(tenant);
      if (Boolean.parseBoolean(System.getProperty("bench.gcBefore", "true"))) System.gc();
      if (marks) System.out.println("MARK timed pass starts");
      Batch b = Batch.run(agent, pool, runs, false, model, latencyMs);
      if (marks) System.out.println("MARK timed pass ends");
      b.scope = store.view(tenant);
      timed.add(b);
      if (marks) {
        System.err.printf(
            "MARK timed %.6f %.6f wall-clock ms %d%n",
            b.t0 / 1e9, b.tEnd / 1e9, System.currentTimeMillis() - b.millisAgo());
      }
    }
    store.reset(tenant);
    // then one more, untimed: the same runs again, with a forced GC while they wait on the model
    model.countWaiting = true;
    Batch measured = Batch.run(agent, pool, runs, true, model, latencyMs);
    measured.scope = store.view(tenant);
    long heapHeld = measured.heapDuring - measured.heapBefore;
    pool.shutdownNow();
    int calls = toolCalls + 1;
    int concurrency = threads.equals("virtual") ? runs : Math.min(runs, poolSize(threads, runs));
    double ideal = runs * (double) calls * latencyMs / 1000.0 / concurrency;
    long oneRun = measured.perRun.get(0);
    System.out.printf(
        Locale.ROOT,
        "%s: %d runs x %d model calls at %d ms (simulated model), java %s, %d cores, ideal %.2f s%n",
        threads,
        runs,
        calls,
        latencyMs,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        ideal);
    List<Double> percents = new ArrayList<>();
    boolean moneyAddsUp = true;
    for (int i = 0; i < timed.size(); i++) {
      Batch b = timed.get(i);
      double wall = (b.tEnd - b.t0) / 1e9;
      percents.add(100 * ideal / wall);
      boolean adds = b.addsUp(oneRun, runs, useScope);
      moneyAddsUp &= adds;
      System.out.printf(
          Locale.ROOT,
          "  timed pass %d: wall %.3f s, throughput %.0f runs/s = %.1f%% of ideal; process CPU %.2f"
              + " ms per run (load average %.1f); GC: %d collections, %d ms, during it; the last"
              + " run's first model call came %.0f ms after the start, the first run ended after"
              + " %.0f ms; money %s%n",
          i + 1,
          wall,
          runs / wall,
          100 * ideal / wall,
          (b.cpuEnd - b.cpu0) / 1e6 / runs,
          b.loadAverage,
          b.gcEnd[0] - b.gc0[0],
          b.gcEnd[1] - b.gc0[1],
          b.ramp / 1e6,
          b.firstDone / 1e6,
          adds ? "adds up" : "DOES NOT ADD UP");
    }
    double[] stats = medianLowHigh(percents);
    System.out.printf(
        Locale.ROOT,
        "  throughput over %d timed passes: median %.1f%% of ideal (lowest %.1f%%, highest"
            + " %.1f%%)%n",
        percents.size(),
        stats[0],
        stats[1],
        stats[2]);
    moneyAddsUp &= measured.addsUp(oneRun, runs, useScope);
    System.out.printf(
        Locale.ROOT,
        "  heap per in-flight run %.1f KiB (%d runs in flight, %d of them waiting on the"
            + " model; %.1f MiB over the %.1f MiB before)%n"
            + "  answered (fewest in a pass) %d/%d; money: one run %d picos; checked in every pass:"
            + " the runs' sum = runs x one run%s, nothing left reserved -> %s%n",
        heapHeld / 1024.0 / Math.max(1, measured.inFlight),
        measured.inFlight,
        measured.waiting,
        heapHeld / 1048576.0,
        measured.heapBefore / 1048576.0,
        java.util.stream.Stream.concat(timed.stream(), java.util.stream.Stream.of(measured))
            .mapToInt(b -> b.answered)
            .min()
            .orElse(0),
        runs,
        oneRun,
        useScope ? " = what the shared scope recorded as used" : " (no shared scope)",
        moneyAddsUp ? "NO LOST OR DOUBLED CHARGE" : "CHARGES DO NOT ADD UP");
  }

  /** One batch of runs submitted at once, and what was measured about it. */
  private static final class Batch {
    long t0;
    long tEnd;
    long cpu0;
    long cpuEnd;
    long[] gc0;
    long[] gcEnd;
    long ramp;
    long firstDone;
    long heapBefore;
    long heapDuring;
    int inFlight;
    int waiting;
    long picos;
    int answered;
    double loadAverage;
    ScopeView scope; // the shared scope's books right after the pass
    final List<Long> perRun = new ArrayList<>();

    /**
     * Every run was charged {@code oneRun}, the runs' sum is {@code runs x oneRun}, and (with a
     * scope) the scope recorded exactly that sum as used and holds nothing reserved.
     */
    boolean addsUp(long oneRun, int runs, boolean useScope) {
      boolean runsAgree = perRun.stream().allMatch(p -> p == oneRun) && picos == oneRun * runs;
      if (!useScope) return runsAgree;
      return runsAgree
          && scope.books().used().picos() == picos
          && scope.books().reserved().picos() == 0;
    }

    /** The wall-clock milliseconds from this batch's start until now. */
    long millisAgo() {
      return (System.nanoTime() - t0) / 1_000_000;
    }

    static Batch run(
        Agent agent,
        ExecutorService pool,
        int runs,
        boolean measureHeap,
        SlowFakeModel model,
        long latencyMs)
        throws InterruptedException {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Batch b = new Batch();
      if (measureHeap) b.heapBefore = usedHeapAfterGc();
      b.cpu0 = os.getProcessCpuTime();
      b.gc0 = gcCountAndMillis();
      b.t0 = System.nanoTime();
      // each run's result is taken apart as soon as it ends and then dropped, as a server would
      // answer and forget it; holding 10,000 results (their traces) made GC the bottleneck
      long[] perRun = new long[runs];
      boolean[] answered = new boolean[runs];
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(runs);
      AtomicInteger started = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      java.util.concurrent.atomic.AtomicLong firstDone =
          new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      for (int i = 0; i < runs; i++) {
        int n = i;
        String q = "question " + i;
        pool.execute(
            () -> {
              started.incrementAndGet();
              try {
                RunResult r = agent.run(q);
                perRun[n] = r.ledger().used().picos();
                answered[n] = r.stopReason() instanceof StopReason.Answered;
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                if (finished.getAndIncrement() == 0) firstDone.set(System.nanoTime());
                done.countDown();
              }
            });
      }
      if (measureHeap) {
        // while the runs wait on their second model call, measure the heap they hold
        Thread.sleep(latencyMs + latencyMs / 2);
        b.inFlight = started.get() - finished.get();
        b.waiting = model.waiting.get();
        b.heapDuring = usedHeapAfterGc();
      }
      done.await();
      if (failure.get() != null) throw new IllegalStateException("a run failed", failure.get());
      for (int i = 0; i < runs; i++) { // the latch's count-down publishes each run's writes
        b.picos += perRun[i];
        if (answered[i]) b.answered++;
        b.perRun.add(perRun[i]);
      }
      b.tEnd = System.nanoTime();
      b.cpuEnd = os.getProcessCpuTime();
      b.gcEnd = gcCountAndMillis();
      b.ramp = model.lastFirstCall.get() - b.t0;
      b.loadAverage = os.getSystemLoadAverage();
      b.firstDone = firstDone.get() - b.t0;
      return b;
    }
  }

  /**
   * The same batch with no engine ({@code -Dbench.baseline=true}): each task only sleeps {@code
   * calls x latencyMs}, one call at a time, on the same executor. What the JDK and the machine
   * allow: the ceiling the engine's figure is to be read against.
   */
  private static void baseline(
      ExecutorService pool, int runs, int calls, long latencyMs, String threads)
      throws InterruptedException {
    double ideal =
        runs * (double) calls * latencyMs / 1000.0 / Math.min(runs, poolSize(threads, runs));
    List<Double> percents = new ArrayList<>();
    for (int round = 0; round < WARM_PASSES + TIMED_PASSES; round++) { // the last ones are timed
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(runs);
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        pool.execute(
            () -> {
              try {
                for (int c = 0; c < calls; c++) Thread.sleep(latencyMs);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.countDown();
              }
            });
      }
      done.await();
      double wall = (System.nanoTime() - t0) / 1e9;
      if (round >= WARM_PASSES) percents.add(100 * ideal / wall);
    }
    double[] stats = medianLowHigh(percents);
    System.out.printf(
        Locale.ROOT,
        "%s baseline (no engine: each task sleeps %d x %d ms), java %s, ideal %.2f s: median %.1f%%"
            + " of ideal over %d timed passes (lowest %.1f%%, highest %.1f%%)%n",
        threads,
        calls,
        latencyMs,
        System.getProperty("java.version"),
        ideal,
        stats[0],
        percents.size(),
        stats[1],
        stats[2]);
  }

  /** The median, lowest and highest of {@code xs} (not empty). */
  private static double[] medianLowHigh(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    java.util.Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new double[] {median, sorted.get(0), sorted.get(n - 1)};
  }

  private static int poolSize(String threads, int runs) {
    return threads.startsWith("platform:") ? Integer.parseInt(threads.substring(9)) : runs;
  }

  private static ExecutorService executor(String threads, int runs) throws Exception {
    if (threads.equals("virtual")) {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
    if (threads.equals("platform") || threads.startsWith("platform:")) {
      return Executors.newFixedThreadPool(poolSize(threads, runs));
    }
    throw new IllegalArgumentException(
        "threads must be platform, platform:N or virtual, got '" + threads + "'");
  }

  /** Collections so far and the milliseconds they took, over every collector of the JVM. */
  private static long[] gcCountAndMillis() {
    long[] out = new long[2];
    for (java.lang.management.GarbageCollectorMXBean gc :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      out[0] += Math.max(0, gc.getCollectionCount());
      out[1] += Math.max(0, gc.getCollectionTime());
    }
    return out;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
