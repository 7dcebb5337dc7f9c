package dev.frugal.memory.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The embedded chunks of one history, searched exhaustively by cosine similarity (a history has
 * thousands of chunks at most, where a linear scan of 384-wide vectors takes well under a
 * millisecond).
 */
public final class ChunkIndex {
  private final List<Chunk> chunks;
  private final List<float[]> vectors;

  private ChunkIndex(List<Chunk> chunks, List<float[]> vectors) {
    this.chunks = List.copyOf(chunks);
    this.vectors = List.copyOf(vectors);
  }

  /** Embeds {@code chunks} with {@code embedder}. */
  public static ChunkIndex build(List<Chunk> chunks, Embedder embedder) {
    List<float[]> vectors = new ArrayList<>(chunks.size());
    int batch = 32;
    for (int from = 0; from < chunks.size(); from += batch) {
      List<String> texts = new ArrayList<>();
      for (Chunk c : chunks.subList(from, Math.min(chunks.size(), from + batch))) {
        texts.add(c.source().isEmpty() ? c.text() : c.source() + ". " + c.text());
      }
      vectors.addAll(embedder.embedAll(texts));
    }
    return new ChunkIndex(chunks, vectors);
  }

  /** An index over chunks whose vectors were computed elsewhere (unit length, equal widths). */
  public static ChunkIndex of(List<Chunk> chunks, List<float[]> vectors) {
    if (chunks.size() != vectors.size()) {
      throw new IllegalArgumentException(
          chunks.size() + " chunks but " + vectors.size() + " vectors; give one vector per chunk");
    }
    return new ChunkIndex(chunks, vectors);
  }

  public List<Chunk> chunks() {
    return chunks;
  }

  public int size() {
    return chunks.size();
  }

  /** A retrieved chunk and its cosine similarity to the query. */
  public record Hit(Chunk chunk, float score) {}

  /** The {@code k} chunks most similar to {@code query}, best first. */
  public List<Hit> top(float[] query, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    List<Hit> hits = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      hits.add(new Hit(chunks.get(i), Embedder.dot(query, vectors.get(i))));
    }
    hits.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(h -> h.chunk().id()));
    return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
  }
}
