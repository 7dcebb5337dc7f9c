package dev.frugal.memory.module;

import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The MID implementation-axis Filter: embeds every sentence of the retrieved chunks and keeps the
 * {@code keep} most similar to the query (cosine), in their original order. Costs no money; takes
 * one embedding per sentence.
 */
final class EmbeddingFilter {
  private final Embedder embedder;
  private final int keep;

  EmbeddingFilter(Embedder embedder, int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    this.embedder = embedder;
    this.keep = keep;
  }

  public List<Evidence> filter(float[] query, List<Chunk> chunks) {
    List<Evidence> all = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Chunk c : chunks) {
      for (String s : c.sentences()) {
        all.add(new Evidence(c.id(), c.source(), c.date(), s, 0));
        texts.add(c.source().isEmpty() ? s : c.source() + ". " + s);
      }
    }
    if (all.isEmpty()) return List.of();
    List<float[]> vectors = embedder.embedAll(texts);
    List<Integer> order = new ArrayList<>();
    double[] score = new double[all.size()];
    for (int i = 0; i < all.size(); i++) {
      score[i] = Embedder.dot(query, vectors.get(i));
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i));
    List<Integer> kept = new ArrayList<>(order.subList(0, Math.min(keep, order.size())));
    kept.sort(Comparator.naturalOrder());
    List<Evidence> out = new ArrayList<>();
    for (int i : kept) {
      Evidence e = all.get(i);
      out.add(new Evidence(e.chunk(), e.source(), e.date(), e.sentence(), score[i]));
    }
    return out;
  }
}
