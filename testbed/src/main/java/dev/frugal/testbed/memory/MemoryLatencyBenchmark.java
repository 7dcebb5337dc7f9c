package dev.frugal.testbed.memory;

import ai.djl.Device;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.ChunkIndex;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.Pipeline;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.memory.routing.TierRouter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks (a main, not a test): LOW-tier pipeline latency per query over 1,000 chunks (retrieval
 * over precomputed chunk vectors, by embedding alone and hybrid, plus the five LOW modules; the
 * query's own embedding is reported separately), embedding throughput, and the tier router's
 * decision latency (network forward pass; and with the state embedding it needs).
 *
 * <p>Usage: {@code MemoryLatencyBenchmark HOTPOT_JSONL [queries]}.
 */
public final class MemoryLatencyBenchmark {
  private MemoryLatencyBenchmark() {}

  public static void main(String[] args) {
    Path hotpot = Path.of(args.length > 0 ? args[0] : "../shared/data/hotpotqa/dev500.jsonl");
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Embedder e = Embedder.shared();
    List<MemoryItem> items = MemoryData.hotpot(hotpot, 0, 120);
    List<Chunk> chunks = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (MemoryItem it : items) {
      var docs = ((dev.frugal.memory.history.History.Documents) it.history()).documents();
      for (var d : docs) {
        if (chunks.size() == 1000) break;
        List<String> sentences = dev.frugal.memory.history.Tokens.sentences(d.text());
        chunks.add(
            new Chunk(
                chunks.size(),
                d.title(),
                LocalDate.of(2018, 1, 1),
                sentences,
                dev.frugal.memory.history.Tokens.count(d.text())));
        texts.add(d.title() + ". " + d.text());
      }
    }
    // embedding throughput
    long t0 = System.nanoTime();
    List<float[]> vectors = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += 32) {
      vectors.addAll(e.embedAll(texts.subList(from, Math.min(texts.size(), from + 32))));
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "embedding: %d paragraphs (mean %d tokens) in %.1f s = %.1f chunks/s (batches of 32)%n",
        texts.size(),
        chunks.stream().mapToInt(Chunk::tokens).sum() / chunks.size(),
        secs,
        texts.size() / secs);
    ChunkIndex index = ChunkIndex.of(chunks, vectors);
    Pipeline low = new Pipeline(Map.of(), e, null, 8);
    TierChooser lowTiers = TierChooser.fixed(MemoryTier.LOW);
    List<float[]> qv = new ArrayList<>();
    long q0 = System.nanoTime();
    for (int i = 0; i < queries; i++) qv.add(e.embed(items.get(i % items.size()).question()));
    double queryEmbedMs = (System.nanoTime() - q0) / 1e6 / queries;
    for (Retrieval retrieval : Retrieval.values()) {
      double[] ms = new double[queries];
      try (Ledger ledger = Ledger.open(Budget.unlimited())) {
        for (int rep = 0; rep < 2; rep++) { // first pass warms up
          for (int i = 0; i < queries; i++) {
            String question = items.get(i % items.size()).question();
            long s = System.nanoTime();
            List<Chunk> top = new ArrayList<>();
            index.find(retrieval, question, qv.get(i), 5, 50).forEach(h -> top.add(h.chunk()));
            low.run(question, qv.get(i), top, lowTiers, ledger);
            ms[i] = (System.nanoTime() - s) / 1e6;
          }
        }
      }
      Arrays.sort(ms);
      System.out.printf(
          "LOW pipeline over %d chunks (%s retrieval + 5 LOW modules): median %.2f ms, p90 %.2f"
              + " ms, p99 %.2f ms; query embedding %.2f ms/query%n",
          chunks.size(),
          retrieval.name().toLowerCase(java.util.Locale.ROOT),
          ms[queries / 2],
          ms[(int) (queries * 0.9)],
          ms[(int) (queries * 0.99)],
          queryEmbedMs);
    }
    try (TierRouter router = TierRouter.untrained(1, List.of(64), Device.cpu(), e)) {
      float[] x =
          router.features(Module.FILTER, new TierChooser.Situation("q", qv.get(0), "state"));
      int n = 20000;
      for (int i = 0; i < n; i++) router.network().evaluate(x, null);
      double[] us = new double[n];
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        router.network().evaluate(x, null);
        us[i] = (System.nanoTime() - s) / 1e3;
      }
      Arrays.sort(us);
      System.out.printf(
          "tier router forward pass (DJL, CPU, batch 1): median %.1f us, p90 %.1f us, p99 %.1f us%n",
          us[n / 2], us[(int) (n * 0.9)], us[(int) (n * 0.99)]);
      double[] full = new double[200];
      for (int i = 0; i < full.length; i++) {
        long s = System.nanoTime();
        router.choose(
            Module.ENTITY,
            new TierChooser.Situation("q", qv.get(0), "fresh state " + i),
            EnumSet.allOf(MemoryTier.class));
        full[i] = (System.nanoTime() - s) / 1e3;
      }
      Arrays.sort(full);
      System.out.printf(
          "tier router decision incl. embedding a new state text: median %.0f us%n", full[100]);
    }
  }
}
