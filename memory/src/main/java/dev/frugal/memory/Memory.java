package dev.frugal.memory;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.ChunkIndex;
import dev.frugal.memory.history.Chunker;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.model.MemoryModels;
import dev.frugal.memory.model.ModelCaller;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.Pipeline;
import dev.frugal.memory.module.PipelineResult;
import dev.frugal.memory.module.TierChooser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A runtime memory over one history: chunked and embedded once when built; each {@link #recall}
 * retrieves the top-k chunks for the query and runs the module pipeline at the tiers the chooser
 * picks. Thread-safe when its chooser is.
 *
 * <pre>{@code
 * Memory memory = Memory.builder().history(history).tiers(TierChooser.fixed(MemoryTier.LOW)).build();
 * Recall r = memory.recall("When did Maria perform her first recital?");
 * }</pre>
 */
public final class Memory {
  private final ChunkIndex index;
  private final Embedder embedder;
  private final Pipeline pipeline;
  private final TierChooser chooser;
  private final int topK;
  private final Retrieval retrieval;
  private final int candidates;
  private final Budget perQuery;

  private Memory(Builder b, ChunkIndex index) {
    this.index = index;
    this.embedder = b.embedder;
    this.pipeline =
        new Pipeline(
            b.axes,
            b.embedder,
            b.caller != null ? b.caller : b.models == null ? null : ModelCaller.metered(b.models),
            b.keep);
    this.chooser = b.chooser;
    this.topK = b.topK;
    this.retrieval = b.retrieval;
    this.candidates = b.candidates;
    this.perQuery =
        b.perQueryUsd == null ? Budget.unlimited() : Budget.builder().usd(b.perQueryUsd).build();
  }

  private Memory(Memory base, MemoryModels models, TierChooser chooser) {
    this.index = base.index;
    this.embedder = base.embedder;
    this.pipeline =
        new Pipeline(
            base.pipeline.axes(),
            base.embedder,
            models == null ? null : ModelCaller.metered(models),
            base.pipeline.keep());
    this.chooser = chooser;
    this.topK = base.topK;
    this.retrieval = base.retrieval;
    this.candidates = base.candidates;
    this.perQuery = base.perQuery;
  }

  /**
   * This memory (same chunks and embeddings, not recomputed) with other models and tier chooser,
   * e.g. one simulated model per question in a testbed.
   */
  public Memory with(MemoryModels models, TierChooser chooser) {
    return new Memory(this, models, Objects.requireNonNull(chooser, "chooser"));
  }

  /** This memory with every module on {@code axis}. */
  public Memory withAxis(Axis axis, MemoryModels models, TierChooser chooser) {
    Memory m = new Memory(this, models, chooser);
    Map<Module, Axis> axes = new EnumMap<>(Module.class);
    for (Module mod : Module.values()) axes.put(mod, axis);
    return new Memory(m, axes, models);
  }

  private Memory(Memory base, Map<Module, Axis> axes, MemoryModels models) {
    this.index = base.index;
    this.embedder = base.embedder;
    this.pipeline =
        new Pipeline(
            axes,
            base.embedder,
            models == null ? null : ModelCaller.metered(models),
            base.pipeline.keep());
    this.chooser = base.chooser;
    this.topK = base.topK;
    this.retrieval = base.retrieval;
    this.candidates = base.candidates;
    this.perQuery = base.perQuery;
  }

  /** A builder; a history is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The history's chunks. */
  public List<Chunk> chunks() {
    return index.chunks();
  }

  /** The chunk index (for benchmarks and tests). */
  public ChunkIndex index() {
    return index;
  }

  /** The pipeline (axes, implementations). */
  public Pipeline pipeline() {
    return pipeline;
  }

  /** Recalls with the memory's own ledger (the per-query cap is the only limit). */
  public Recall recall(String query) {
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      return recall(query, ledger);
    }
  }

  /**
   * Recalls for {@code query}, paying every model call from a child of {@code ledger} that also
   * enforces the per-query cap: the memory's spending counts against the caller's budget.
   */
  public Recall recall(String query, Ledger ledger) {
    return recall(query, ledger, chooser);
  }

  /** Like {@link #recall(String, Ledger)} with another tier chooser (training, evaluation). */
  public Recall recall(String query, Ledger ledger, TierChooser tiers) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("the query is blank; give the question to recall for");
    }
    // BM25 retrieval embeds nothing here; the pipeline embeds the query only if a module needs it
    float[] q = retrieval == Retrieval.BM25 ? null : embedder.embed(query);
    List<Chunk> top = retrieve(query, q);
    try (Ledger child = ledger.child(perQuery)) {
      PipelineResult r = pipeline.run(query, q, top, tiers, child);
      return new Recall(query, r.summary(), r.spend(), r, top);
    }
  }

  /** The chunks this memory retrieves for {@code query}, best first (free: no model call). */
  public List<Chunk> retrieve(String query) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("the query is blank; give the question to recall for");
    }
    return retrieve(query, retrieval == Retrieval.BM25 ? null : embedder.embed(query));
  }

  private List<Chunk> retrieve(String query, float[] q) {
    List<Chunk> top = new ArrayList<>();
    index
        .find(retrieval, query, q, topK, Math.max(topK, candidates))
        .forEach(h -> top.add(h.chunk()));
    return top;
  }

  /** Builds a {@link Memory}; a history is required. */
  public static final class Builder {
    private History history;
    private Integer chunkTokens;
    private int topK = 5;
    private Retrieval retrieval = Retrieval.HYBRID;
    private int candidates = 50;
    private int keep = 8;
    private final Map<Module, Axis> axes = new EnumMap<>(Module.class);
    private MemoryModels models;
    private ModelCaller caller;
    private TierChooser chooser = TierChooser.fixed(MemoryTier.LOW);
    private Double perQueryUsd;
    private Embedder embedder;

    private Builder() {}

    /** The history to remember (required). */
    public Builder history(History history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /** Tokens per chunk; default 256 for dialogue, 1,024 for documents. */
    public Builder chunkTokens(int tokens) {
      if (tokens < 16) {
        throw new IllegalArgumentException("chunkTokens must be >= 16, got " + tokens);
      }
      this.chunkTokens = tokens;
      return this;
    }

    /** Chunks retrieved per query; default 5 (the paper's best cost/quality point). */
    public Builder topK(int k) {
      if (k < 1) throw new IllegalArgumentException("topK must be >= 1, got " + k);
      this.topK = k;
      return this;
    }

    /**
     * How chunks are retrieved; default {@link Retrieval#HYBRID} (BM25 and embedding fused by
     * reciprocal rank), which found the evidence turn of more LoCoMo questions than the paper's
     * embedding-only retriever (docs/memory.md); {@link Retrieval#EMBEDDING} is the paper's. {@link
     * Retrieval#BM25} embeds no chunk: with LOW-tier filtering, a memory built and recalled this
     * way never loads the embedding model (docs/memory.md, "Without the embedding model").
     */
    public Builder retrieval(Retrieval retrieval) {
      this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
      return this;
    }

    /**
     * With {@link Retrieval#HYBRID}: how many chunks each ranking (embedding, BM25) offers to the
     * fusion before the top k are kept; default 50 [choice]; raised to top k when smaller.
     */
    public Builder candidates(int n) {
      if (n < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + n);
      this.candidates = n;
      return this;
    }

    /** Sentences the Filter keeps; default 8. */
    public Builder keep(int sentences) {
      if (sentences < 1) throw new IllegalArgumentException("keep must be >= 1, got " + sentences);
      this.keep = sentences;
      return this;
    }

    /** The same axis for every module; default {@link Axis#IMPLEMENTATION}. */
    public Builder axis(Axis axis) {
      for (Module m : Module.values()) axes.put(m, Objects.requireNonNull(axis, "axis"));
      return this;
    }

    /** The axis of one module. */
    public Builder axis(Module module, Axis axis) {
      axes.put(Objects.requireNonNull(module, "module"), Objects.requireNonNull(axis, "axis"));
      return this;
    }

    /** The models MID and HIGH tiers call; without them only free tiers run. */
    public Builder models(MemoryModels models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /**
     * How MID and HIGH tiers reach a model, instead of {@link #models}: e.g. a {@link
     * dev.frugal.memory.model.RunModelCaller} that pays through an agent run's metering.
     */
    public Builder caller(ModelCaller caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    /** Who picks tiers: fixed tiers or a tier router; default all LOW. */
    public Builder tiers(TierChooser chooser) {
      this.chooser = Objects.requireNonNull(chooser, "chooser");
      return this;
    }

    /** A hard cap in dollars per query: tiers it cannot pay for are masked. */
    public Builder perQueryUsd(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException("perQueryUsd must be a finite amount >= 0, got " + usd);
      }
      this.perQueryUsd = usd;
      return this;
    }

    /** The embedding model; default the shared all-MiniLM-L6-v2. */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /** Chunks the history and indexes it (embedding the chunks unless retrieval is BM25). */
    public Memory build() {
      if (history == null) throw new IllegalStateException("no history: call history(History)");
      if (embedder == null) embedder = Embedder.shared();
      Chunker chunker =
          chunkTokens == null ? Chunker.forHistory(history) : new Chunker(chunkTokens);
      List<Chunk> chunks = chunker.chunk(history);
      ChunkIndex index =
          retrieval == Retrieval.BM25
              ? ChunkIndex.lexicalOnly(chunks)
              : ChunkIndex.build(chunks, embedder);
      return new Memory(this, index);
    }
  }
}
