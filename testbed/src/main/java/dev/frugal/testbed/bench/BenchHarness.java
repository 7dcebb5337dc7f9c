package dev.frugal.testbed.bench;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.tools.corpus.RetrievalHeadroom;
import dev.frugal.tools.dataset.AnswerScore;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep: every dataset x strategy x model x budget x seed x question is one episode, run in
 * parallel on a thread pool with a progress bar; episodes are aggregated into {@link ResultRow}s.
 * The answer is scored with HotpotQA exact match and F1; the agent never sees the gold answer.
 */
public final class BenchHarness {
  private final BenchConfig config;
  private final dev.frugal.core.budget.SharedBudgets shared;
  private final PrintStream progress;
  private final BatchOverrun batchOverrun;
  private java.time.Duration modelTimeout;
  private int band = 1;
  private java.nio.file.Path episodesFile;

  public BenchHarness(BenchConfig config, PrintStream progress) {
    this(config, progress, null, BatchOverrun.REFUSE_WHOLE);
  }

  /** A harness whose every episode also draws from {@code shared} (null: no shared budgets). */
  public BenchHarness(
      BenchConfig config, PrintStream progress, dev.frugal.core.budget.SharedBudgets shared) {
    this(config, progress, shared, BatchOverrun.REFUSE_WHOLE);
  }

  /**
   * A harness whose agents treat a batched tool call that would overrun its cap by {@code
   * batchOverrun} (refuse it whole, the engine's default, or truncate it to the units left).
   */
  public BenchHarness(BenchConfig config, PrintStream progress, BatchOverrun batchOverrun) {
    this(config, progress, null, batchOverrun);
  }

  /**
   * A harness whose episodes also draw from {@code shared} (null: none) and treat an overrunning
   * batch by {@code batchOverrun}.
   */
  public BenchHarness(
      BenchConfig config,
      PrintStream progress,
      dev.frugal.core.budget.SharedBudgets shared,
      BatchOverrun batchOverrun) {
    this.shared = shared;
    this.config = config;
    this.progress = progress;
    this.batchOverrun = java.util.Objects.requireNonNull(batchOverrun, "batchOverrun");
  }

  /**
   * Gives every episode's agent this model timeout ({@code AgentBuilder.modelTimeout}) instead of
   * the engine's default; returns this harness.
   */
  public BenchHarness modelTimeout(java.time.Duration timeout) {
    this.modelTimeout = java.util.Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Runs every row under {@code n} assumption settings ({@link AssumptionBand}; 1, the default, is
   * the point values alone); returns this harness.
   */
  public BenchHarness band(int n) {
    AssumptionBand.settings(n);
    this.band = n;
    return this;
  }

  /**
   * Writes one JSON line per episode to {@code file} (see {@link EpisodeLines}); returns this. The
   * file is checked now, before any episode runs.
   *
   * @throws IllegalArgumentException when the file cannot be written, saying why
   */
  public BenchHarness episodesFile(java.nio.file.Path file) {
    EpisodeLines.prepare(java.util.Objects.requireNonNull(file, "file"));
    this.episodesFile = file;
    return this;
  }

  /** What a sweep produced. */
  public record Outcome(
      List<ResultRow> rows,
      List<Episode> episodes,
      Map<String, RetrievalHeadroom> headroom,
      double seconds,
      double episodesPerSecond) {}

  public Outcome run() throws InterruptedException {
    PriceTable.Builder pb = PriceTable.builder();
    Map<String, Boolean> simulated = new LinkedHashMap<>();
    java.util.Set<String> priced = new java.util.HashSet<>();
    for (ModelSource m : config.models()) {
      m.prices()
          .forEach(
              (name, price) -> {
                if (priced.add(name)) pb.model(name, price);
              });
      simulated.put(m.name(), m.simulated());
    }
    PriceTable prices = pb.build();
    List<Map<String, Double>> settings = AssumptionBand.settings(band);
    Map<List<Object>, Map<String, Double>> assumptions = new LinkedHashMap<>();
    List<List<ModelSource>> sourcesBySetting = new ArrayList<>();
    for (int st = 0; st < settings.size(); st++) {
      List<ModelSource> at = new ArrayList<>();
      for (ModelSource m : config.models()) {
        ModelSource ms = m.atSetting(settings.get(st), st);
        at.add(ms);
        assumptions.put(List.of(m.name(), st), ms.assumptions());
      }
      sourcesBySetting.add(at);
    }
    List<Episode> episodes = Collections.synchronizedList(new ArrayList<>());
    Map<String, RetrievalHeadroom> headroom = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    int total = 0;
    for (String ds : config.datasets()) {
      try (Testbed bed = Testbed.open(ds, config.extraCorpus())) {
        Dataset d = config.limit() > 0 ? bed.dataset().first(config.limit()) : bed.dataset();
        headroom.put(d.name(), RetrievalHeadroom.measure(bed.index(), d));
        int n =
            d.questions().size()
                * config.strategies().size()
                * config.models().size()
                * config.budgets().size()
                * config.seeds()
                * settings.size();
        total += n;
        Progress bar = new Progress(progress, n);
        progress.printf(
            "%s: %d questions, %d paragraphs indexed%n",
            d.name(), d.questions().size(), bed.index().size());
        ExecutorService pool = Executors.newFixedThreadPool(config.threads());
        try {
          List<Future<Episode>> futures = new ArrayList<>();
          for (int st = 0; st < settings.size(); st++) {
            int setting = st;
            for (String s : config.strategies()) {
              StrategyCatalog.Spec spec = StrategyCatalog.get(s);
              for (ModelSource m : sourcesBySetting.get(st)) {
                for (int budget : config.budgets()) {
                  for (int seed = 0; seed < config.seeds(); seed++) {
                    for (Question q : d.questions()) {
                      int sd = seed;
                      futures.add(
                          pool.submit(
                              () -> {
                                Episode e =
                                    episode(bed, d.name(), spec, m, budget, sd, q, prices, setting);
                                bar.step();
                                return e;
                              }));
                    }
                  }
                }
              }
            }
          }
          for (Future<Episode> f : futures) {
            try {
              episodes.add(f.get());
            } catch (ExecutionException e) {
              throw new IllegalStateException("an episode failed: " + e.getCause(), e.getCause());
            }
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    if (episodesFile != null) EpisodeLines.write(episodesFile, episodes);
    return new Outcome(
        Stats.rows(episodes, simulated, assumptions),
        List.copyOf(episodes),
        headroom,
        secs,
        total / secs);
  }

  private Episode episode(
      Testbed bed,
      String dataset,
      StrategyCatalog.Spec spec,
      ModelSource m,
      int budget,
      int seed,
      Question q,
      PriceTable prices,
      int setting) {
    AgentBuilder builder =
        Agent.builder()
            .modelSelector(m.selector(seedFor(seed, q)))
            .prices(prices)
            .tools(bed.tools())
            .strategy(spec.strategy().get())
            .budgetTracker(spec.tracker())
            .budget(config.budgetFor(budget))
            .maxSteps(config.maxSteps())
            .batchOverrun(batchOverrun);
    if (shared != null) builder.sharedBudgets(shared);
    if (modelTimeout != null) builder.modelTimeout(modelTimeout);
    Agent agent = builder.build();
    RunResult r = agent.run(q.text());
    AnswerScore score = Grader.score(r.answer().orElse(""), q);
    long units = r.toolUnits().values().stream().mapToLong(Long::longValue).sum();
    return new Episode(
        dataset,
        spec.name(),
        m.name(),
        budget,
        seed,
        q.id(),
        score.exactMatch() ? 1 : 0,
        score.f1(),
        r.usd(),
        units,
        r.totalTokens(),
        r.modelCalls(),
        r.steps(),
        r.wallTime().toMillis(),
        r.stopReason().describe(),
        setting,
        r.answer().orElse(""),
        r.forcedAnswer(),
        EpisodeLines.verdicts(r),
        EpisodeLines.callsByPurpose(r),
        Map.copyOf(r.toolUnits()),
        EpisodeLines.sourceTitles(r.answer().orElse(""), q));
  }

  /** A per-episode seed: the same seed index gives every question its own, reproducible stream. */
  static long seedFor(int seed, Question q) {
    return seedFor(seed, q.id());
  }

  /**
   * The model seed of the episode of question {@code questionId} under seed index {@code seed}; the
   * simulated models' HTTP endpoint uses it too, so both paths play the same episodes.
   */
  public static long seedFor(int seed, String questionId) {
    return 0x9E3779B97F4A7C15L * (seed + 1) ^ questionId.hashCode();
  }
}
