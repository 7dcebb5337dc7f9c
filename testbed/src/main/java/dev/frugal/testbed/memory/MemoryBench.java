package dev.frugal.testbed.memory;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.memory.Memory;
import dev.frugal.memory.Recall;
import dev.frugal.memory.history.Document;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.history.Turn;
import dev.frugal.memory.internal.RuleTemporal;
import dev.frugal.memory.model.MemoryModels;
import dev.frugal.memory.model.ModelCaller;
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
  /**
   * The SIMULATED models' prices, dollars per million input / output tokens [choice]; the reader
   * ({@link ReaderContext#READER}), whose read skill is above the large model's, is priced like it.
   */
  public static final PriceTable PRICES =
      PriceTable.builder()
          .model("sim-mem-small", ModelPrice.of(0.15, 0.60))
          .model("sim-mem-mid", ModelPrice.of(0.80, 3.20))
          .model("sim-mem-large", ModelPrice.of(3.00, 12.00))
          .model(ReaderContext.READER, ModelPrice.of(3.00, 12.00))
          .build();

  /** The model size that writes the notes of the {@link Baseline#NOTES} baseline [choice]. */
  public static final ModelSize NOTE_WRITER = ModelSize.MID;

  private final Map<History, Memory> memories = new IdentityHashMap<>();
  private final Map<History, SessionNotes.Notes> notes = new IdentityHashMap<>();
  private final Map<History, ReaderContext.Fitted> fullTexts = new IdentityHashMap<>();
  private final Map<History, ReaderContext.Fitted> noteTexts = new IdentityHashMap<>();
  private final long seed;
  private final Setup setup;
  private final ReaderContext reader;
  private final MemoryAssumptions assumptions;

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
    this(seed, setup, ReaderContext.DEFAULT);
  }

  public MemoryBench(long seed, Setup setup, ReaderContext reader) {
    this(seed, setup, reader, MemoryAssumptions.registry());
  }

  /**
   * A bench whose SIMULATED roles behave as {@code assumptions} says (the registry's point values,
   * or one setting of a band: docs/memory.md, "Bands (v3)").
   */
  public MemoryBench(long seed, Setup setup, ReaderContext reader, MemoryAssumptions assumptions) {
    this.seed = seed;
    this.setup = java.util.Objects.requireNonNull(setup, "setup");
    this.reader = java.util.Objects.requireNonNull(reader, "reader");
    this.assumptions = java.util.Objects.requireNonNull(assumptions, "assumptions");
  }

  /** The behavioural numbers this bench's SIMULATED roles use. */
  public MemoryAssumptions assumptions() {
    return assumptions;
  }

  /** The read skill of the SIMULATED memory model of {@code size}, from the registry. */
  double skill(ModelSize size) {
    return assumptions.get(
        switch (size) {
          case SMALL -> MemoryParameter.SMALL_READ_SKILL;
          case MID -> MemoryParameter.MID_READ_SKILL;
          case LARGE -> MemoryParameter.LARGE_READ_SKILL;
        });
  }

  /**
   * One graded question.
   *
   * @param summary what the reader read besides the question (a memory summary, the notes or the
   *     whole history as cut to the reader's window)
   * @param usd what the memory spent on this question (for the notes baseline: nothing, its notes
   *     were paid at write time, see {@link Row#usdPerQuery})
   * @param readerUsd what the reader's answer cost (reading the question and {@code summary})
   * @param truncated whether the reader's context window cut what it was given
   */
  public record Result(
      MemoryItem item,
      String summary,
      String answer,
      double f1,
      double usd,
      Map<String, MemoryTier> tiers,
      boolean supportRetrieved,
      boolean supportInSummary,
      double readerUsd,
      boolean truncated) {}

  /**
   * A table row: a configuration over a set of items.
   *
   * @param f1Low the lower end of a 95% bootstrap interval of {@code f1} (percentile, 2,000
   *     resamples of the questions, fixed seed)
   * @param f1High its upper end
   * @param usdPerQuery the memory's spend per question: its modules' calls, plus (notes baseline)
   *     the write-time note-taking of every history used, divided by {@code n}
   * @param readerUsdPerQuery the reader's spend per question
   * @param truncatedShare the share of questions whose reader input was cut to its window
   */
  public record Row(
      String config,
      int n,
      double f1,
      double f1Low,
      double f1High,
      double usdPerQuery,
      double readerUsdPerQuery,
      double[] tierShares,
      Map<String, Double> f1ByCategory,
      double supportRetrieved,
      double supportInSummary,
      double truncatedShare) {
    /** Memory and reader together: what a question costs in all. */
    public double totalUsdPerQuery() {
      return usdPerQuery + readerUsdPerQuery;
    }
  }

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

  MemoryModels models(Comprehension c) {
    Map<ModelSize, NamedModel> m = new java.util.EnumMap<>(ModelSize.class);
    for (ModelSize size : ModelSize.values()) {
      String name = modelName(size);
      m.put(
          size, new NamedModel(name, new SimulatedMemoryModel(name, skill(size), c, assumptions)));
    }
    return new MemoryModels(m, PRICES);
  }

  private static String modelName(ModelSize size) {
    return "sim-mem-" + size.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Answers one item with {@code chooser} picking tiers on {@code axis}. */
  public Result run(MemoryItem item, Axis axis, TierChooser chooser) {
    Comprehension c = new Comprehension(item.supporting(), item.answers(), seed);
    Memory m = base(item.history()).withAxis(axis, models(c), chooser);
    Recall r;
    ReaderContext.Paid read;
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      r = m.recall(item.question(), ledger);
      String summary = r.summary();
      read =
          ReaderContext.read(
              ledger,
              PRICES,
              readerPrompt(item.question(), "Memory:\n" + summary),
              () -> SimulatedReader.answer(item.question(), summary, c, assumptions));
    }
    String answer = read.answer();
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
        EvidenceRecall.any(item.supporting(), List.of(r.summary())),
        read.spend().usd(),
        false);
  }

  private static String readerPrompt(String question, String context) {
    return "Question: " + question + "\n" + context;
  }

  /** The notes of {@code h}, written (and paid on the ledger) the first time they are asked for. */
  SessionNotes.Notes notes(History h) {
    synchronized (notes) {
      return notes.computeIfAbsent(
          h,
          x -> {
            // the note writer reads no question: its comprehension is keyed on the seed only
            MemoryModels writers = noteWriters();
            try (Ledger ledger = Ledger.open(Budget.unlimited())) {
              return SessionNotes.write(x, ModelCaller.metered(writers), NOTE_WRITER, ledger);
            }
          });
    }
  }

  /** The SIMULATED note writers (small, mid, large) of the notes baseline. */
  MemoryModels noteWriters() {
    Map<ModelSize, NamedModel> m = new java.util.EnumMap<>(ModelSize.class);
    for (ModelSize size : ModelSize.values()) {
      String name = modelName(size);
      m.put(
          size,
          new NamedModel(name, new SimulatedNoteWriter(name, skill(size), seed, assumptions)));
    }
    return new MemoryModels(m, PRICES);
  }

  /** The lines of the whole history as the full-context reader gets them, oldest first. */
  static List<String> transcript(History h) {
    List<String> lines = new ArrayList<>();
    if (h instanceof History.Dialogue d) {
      int session = -1;
      for (Turn t : d.turns()) {
        if (t.session() != session) {
          session = t.session();
          lines.add("[session " + (session + 1) + ", " + RuleTemporal.spoken(t.date()) + "]");
        }
        lines.add("- " + t.speaker() + ": " + t.text());
      }
    } else if (h instanceof History.Documents docs) {
      for (Document doc : docs.documents()) {
        lines.add("[" + doc.title() + ", " + RuleTemporal.spoken(doc.date()) + "]");
        lines.add("- " + doc.text());
      }
    }
    return lines;
  }

  private ReaderContext.Fitted fitted(History h, Baseline b) {
    Map<History, ReaderContext.Fitted> cache = b == Baseline.NOTES ? noteTexts : fullTexts;
    synchronized (cache) {
      return cache.computeIfAbsent(
          h,
          x ->
              b == Baseline.NOTES
                  ? reader.fit(
                      "Notes (written session by session, oldest first):", notes(x).lines())
                  : reader.fit(
                      "Conversation or documents (the whole history, oldest first):",
                      transcript(x)));
    }
  }

  /**
   * Answers one item with a baseline: the reader reads the question and the whole history (cut to
   * its window) or the history's notes. Its memory spend is zero (the notes were paid when
   * written).
   */
  public Result runBaseline(MemoryItem item, Baseline baseline) {
    Comprehension c = new Comprehension(item.supporting(), item.answers(), seed);
    ReaderContext.Fitted text = fitted(item.history(), baseline);
    ReaderContext.Paid read;
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      read =
          ReaderContext.read(
              ledger,
              PRICES,
              readerPrompt(item.question(), text.text()),
              () -> SimulatedReader.answer(item.question(), text.text(), c, assumptions));
    }
    boolean inText = EvidenceRecall.any(item.supporting(), List.of(text.text()));
    return new Result(
        item,
        text.text(),
        read.answer(),
        AnswerF1.best(read.answer(), item.answers()),
        0,
        Map.of(),
        inText,
        inText,
        read.spend().usd(),
        text.truncated());
  }

  /**
   * Runs every item with {@code baseline} and sums up a row labelled {@link Baseline#label()}; the
   * notes baseline's row carries the write-time cost of the notes of every history its items use.
   */
  public Row baselineRow(Baseline baseline, List<MemoryItem> items, Consumer<Integer> progress) {
    List<Result> results = new ArrayList<>();
    Map<History, Boolean> used = new IdentityHashMap<>();
    double written = 0;
    for (MemoryItem it : items) {
      if (baseline == Baseline.NOTES && used.put(it.history(), true) == null) {
        written += notes(it.history()).cost().usd();
      }
      results.add(runBaseline(it, baseline));
      if (progress != null) progress.accept(results.size());
    }
    return summarise(baseline.label(), results, written);
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
    return summarise(config, results, 0);
  }

  /**
   * Sums up results; {@code writtenUsd} is spent before any question (the notes) and is shared out
   * over the questions.
   */
  static Row summarise(String config, List<Result> results, double writtenUsd) {
    double f1 = 0;
    double usd = writtenUsd;
    double readerUsd = 0;
    int truncated = 0;
    double retrieved = 0;
    double inSummary = 0;
    double[] shares = new double[3];
    int decisions = 0;
    Map<String, double[]> cat = new TreeMap<>();
    for (Result r : results) {
      f1 += r.f1();
      usd += r.usd();
      readerUsd += r.readerUsd();
      if (r.truncated()) truncated++;
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
    double[] ci = bootstrap(results.stream().mapToDouble(Result::f1).toArray());
    return new Row(
        config,
        results.size(),
        100 * f1 / n,
        100 * ci[0],
        100 * ci[1],
        usd / n,
        readerUsd / n,
        shares,
        byCat,
        retrieved / n,
        inSummary / n,
        (double) truncated / n);
  }

  /**
   * A 95% percentile bootstrap interval of the mean of {@code xs}: 2,000 resamples with replacement
   * drawn from a fixed seed, so a table is reproducible (Efron and Tibshirani, "An Introduction to
   * the Bootstrap", chapter 13).
   */
  static double[] bootstrap(double[] xs) {
    if (xs.length == 0) return new double[] {0, 0};
    int b = 2000;
    double[] means = new double[b];
    java.util.Random rnd = new java.util.Random(20261205L);
    for (int i = 0; i < b; i++) {
      double sum = 0;
      for (int j = 0; j < xs.length; j++) sum += xs[rnd.nextInt(xs.length)];
      means[i] = sum / xs.length;
    }
    java.util.Arrays.sort(means);
    return new double[] {means[(int) (0.025 * b)], means[(int) (0.975 * b) - 1]};
  }
}
