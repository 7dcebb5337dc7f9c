package dev.frugal.testbed.memory;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.memory.Memory;
import dev.frugal.memory.Recall;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.model.MemoryModels;
import dev.frugal.memory.model.ModelSize;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.memory.routing.PpoTierTraining;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs testbed items through a {@link Memory} with SIMULATED models (sim-mem-small, sim-mem-mid,
 * sim-mem-large) behind the MID/HIGH tiers and the SIMULATED reader, and grades the answers with
 * token F1. Memory cost is what the module calls cost (the reader is the same for every
 * configuration and is not counted).
 */
public final class MemoryBench {
  /** The SIMULATED models' prices, dollars per million input / output tokens [choice]. */
  public static final PriceTable PRICES =
      PriceTable.builder()
          .model("sim-mem-small", ModelPrice.of(0.15, 0.60))
          .model("sim-mem-mid", ModelPrice.of(0.80, 3.20))
          .model("sim-mem-large", ModelPrice.of(3.00, 12.00))
          .build();

  /** The SIMULATED models' read skills: small, mid, large [choice, not calibrated]. */
  public static final double[] SKILLS = {0.55, 0.72, 0.88};

  private final Map<History, Memory> memories = new IdentityHashMap<>();
  private final long seed;
  private final Setup setup;

  /**
   * How the bench builds each history's memory.
   *
   * @param retrieval how chunks are retrieved
   * @param chunkTokens tokens per chunk, or null for the history's default (256 dialogue, 1,024
   *     documents)
   * @param topK chunks retrieved per query
   * @param candidates with hybrid retrieval, chunks each ranking offers to the fusion
   */
  public record Setup(Retrieval retrieval, Integer chunkTokens, int topK, int candidates) {
    /** The memory's own defaults: hybrid retrieval, default chunk size, top 5, 50 candidates. */
    public static final Setup DEFAULT = new Setup(Retrieval.HYBRID, null, 5, 50);

    @Override
    public String toString() {
      return "retrieval "
          + retrieval.name().toLowerCase(java.util.Locale.ROOT)
          + ", chunks of "
          + (chunkTokens == null ? "default" : chunkTokens)
          + " tokens, top "
          + topK
          + (retrieval == Retrieval.HYBRID ? ", " + candidates + " candidates per ranking" : "");
    }
  }

  public MemoryBench(long seed) {
    this(seed, Setup.DEFAULT);
  }

  public MemoryBench(long seed, Setup setup) {
    this.seed = seed;
    this.setup = java.util.Objects.requireNonNull(setup, "setup");
  }

  /** One graded question. */
  public record Result(
      MemoryItem item,
      String summary,
      String answer,
      double f1,
      double usd,
      Map<String, MemoryTier> tiers,
      boolean supportRetrieved,
      boolean supportInSummary) {}

  /** A table row: a configuration over a set of items. */
  public record Row(
      String config,
      int n,
      double f1,
      double usdPerQuery,
      double[] tierShares,
      Map<String, Double> f1ByCategory,
      double supportRetrieved,
      double supportInSummary) {}

  private Memory base(History h) {
    synchronized (memories) {
      return memories.computeIfAbsent(
          h,
          x -> {
            Memory.Builder b =
                Memory.builder()
                    .history(x)
                    .retrieval(setup.retrieval())
                    .topK(setup.topK())
                    .candidates(setup.candidates());
            if (setup.chunkTokens() != null) b.chunkTokens(setup.chunkTokens());
            return b.build();
          });
    }
  }

  static MemoryModels models(Comprehension c) {
    return new MemoryModels(
        Map.of(
            ModelSize.SMALL,
                new NamedModel(
                    "sim-mem-small", new SimulatedMemoryModel("sim-mem-small", SKILLS[0], c)),
            ModelSize.MID,
                new NamedModel(
                    "sim-mem-mid", new SimulatedMemoryModel("sim-mem-mid", SKILLS[1], c)),
            ModelSize.LARGE,
                new NamedModel(
                    "sim-mem-large", new SimulatedMemoryModel("sim-mem-large", SKILLS[2], c))),
        PRICES);
  }

  /** Answers one item with {@code chooser} picking tiers on {@code axis}. */
  public Result run(MemoryItem item, Axis axis, TierChooser chooser) {
    Comprehension c = new Comprehension(item.supporting(), item.answers(), seed);
    Memory m = base(item.history()).withAxis(axis, models(c), chooser);
    Recall r;
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      r = m.recall(item.question(), ledger);
    }
    String answer = SimulatedReader.answer(item.question(), r.summary(), c);
    Map<String, MemoryTier> tiers = new LinkedHashMap<>();
    r.tiers().forEach((k, v) -> tiers.put(k.name(), v));
    List<String> retrieved = r.retrieved().stream().map(ch -> ch.text()).toList();
    return new Result(
        item,
        r.summary(),
        answer,
        AnswerF1.best(answer, item.answers()),
        r.usd(),
        tiers,
        EvidenceRecall.any(item.supporting(), retrieved),
        EvidenceRecall.any(item.supporting(), List.of(r.summary())));
  }

  /** The training episode of {@code item}. */
  public PpoTierTraining.Episode episode(MemoryItem item, Axis axis) {
    return chooser -> {
      Result r = run(item, axis, chooser);
      return new PpoTierTraining.Outcome(r.f1(), r.usd());
    };
  }

  /** Runs every item and sums up a row. */
  public Row row(
      String config,
      List<MemoryItem> items,
      Axis axis,
      TierChooser chooser,
      Consumer<Integer> progress) {
    List<Result> results = new ArrayList<>();
    for (MemoryItem it : items) {
      results.add(run(it, axis, chooser));
      if (progress != null) progress.accept(results.size());
    }
    return summarise(config, results);
  }

  static Row summarise(String config, List<Result> results) {
    double f1 = 0;
    double usd = 0;
    double retrieved = 0;
    double inSummary = 0;
    double[] shares = new double[3];
    int decisions = 0;
    Map<String, double[]> cat = new TreeMap<>();
    for (Result r : results) {
      f1 += r.f1();
      usd += r.usd();
      if (r.supportRetrieved()) retrieved++;
      if (r.supportInSummary()) inSummary++;
      for (MemoryTier t : r.tiers().values()) {
        shares[t.ordinal()]++;
        decisions++;
      }
      double[] c = cat.computeIfAbsent(r.item().category(), k -> new double[2]);
      c[0] += r.f1();
      c[1]++;
    }
    int n = Math.max(1, results.size());
    for (int i = 0; i < 3; i++) shares[i] = decisions == 0 ? 0 : shares[i] / decisions;
    Map<String, Double> byCat = new LinkedHashMap<>();
    cat.forEach((k, v) -> byCat.put(k, 100 * v[0] / v[1]));
    return new Row(
        config, results.size(), 100 * f1 / n, usd / n, shares, byCat, retrieved / n, inSummary / n);
  }
}
