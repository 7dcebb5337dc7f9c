package dev.frugal.memory.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The embedded chunks of one history, searched exhaustively by cosine similarity (a history has
 * thousands of chunks at most, where a linear scan of 384-wide vectors takes well under a
 * millisecond), by BM25 over their words, or by both fused ({@link #hybrid}).
 */
public final class ChunkIndex {
  private final List<Chunk> chunks;
  private final List<float[]> vectors;
  private final ChunkBm25 bm25;

  /** The reciprocal-rank-fusion constant (Cormack et al. 2009 use 60). */
  public static final int RRF_K = 60;

  private ChunkIndex(List<Chunk> chunks, List<float[]> vectors) {
    this.chunks = List.copyOf(chunks);
    this.vectors = vectors == null ? null : List.copyOf(vectors);
    this.bm25 = new ChunkBm25(this.chunks);
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

  /**
   * An index over {@code chunks} for BM25 only ({@link #lexical}): nothing is embedded, and asking
   * it for an embedding ranking is refused.
   */
  public static ChunkIndex lexicalOnly(List<Chunk> chunks) {
    return new ChunkIndex(chunks, null);
  }

  /** Whether this index holds embeddings (false for {@link #lexicalOnly}). */
  public boolean embedded() {
    return vectors != null;
  }

  /** An index over chunks whose vectors were computed elsewhere (unit length, equal widths). */
  public static ChunkIndex of(List<Chunk> chunks, List<float[]> vectors) {
    if (chunks.size() != vectors.size()) {
      throw new IllegalArgumentException(
          chunks.size() + " chunks but " + vectors.size() + " vectors; give one vector per chunk");
    }
    return new ChunkIndex(chunks, vectors);
  }

  /** The indexed chunks, in history order. */
  public List<Chunk> chunks() {
    return chunks;
  }

  /** How many chunks the index holds. */
  public int size() {
    return chunks.size();
  }

  /** A retrieved chunk and its cosine similarity to the query. */
  public record Hit(Chunk chunk, float score) {}

  /** The {@code k} chunks most similar to {@code query}, best first. */
  public List<Hit> top(float[] query, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    List<Hit> hits = new ArrayList<>();
    for (int i : dense(query, k))
      hits.add(new Hit(chunks.get(i), Embedder.dot(query, vectors.get(i))));
    return List.copyOf(hits);
  }

  /**
   * The {@code k} chunks whose words match {@code query} best by Okapi BM25, best first; only
   * chunks sharing at least one keyword with the query (so possibly fewer than {@code k}).
   */
  public List<Hit> lexical(String query, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    double[] s = bm25.scores(query);
    List<Integer> order = bm25.ranking(s);
    List<Hit> hits = new ArrayList<>();
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      hits.add(new Hit(chunks.get(i), (float) s[i]));
    }
    return List.copyOf(hits);
  }

  /**
   * The {@code k} best chunks by reciprocal rank fusion of two rankings: the {@code candidates}
   * nearest {@code query} by embedding cosine and the {@code candidates} best for {@code text} by
   * BM25; a chunk scores the sum of {@code 1 / (RRF_K + rank)} over the rankings it appears in
   * (rank from 1). Best first, ties by position; a hit's score is its fused score.
   */
  public List<Hit> hybrid(String text, float[] query, int k, int candidates) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (candidates < k) {
      throw new IllegalArgumentException(
          "candidates (" + candidates + ") must be >= k (" + k + "): each ranking offers them");
    }
    double[] fused = new double[chunks.size()];
    List<Integer> dense = dense(query, candidates);
    for (int r = 0; r < dense.size(); r++) fused[dense.get(r)] += 1.0 / (RRF_K + r + 1);
    List<Integer> sparse = bm25.ranking(bm25.scores(text));
    for (int r = 0; r < Math.min(candidates, sparse.size()); r++) {
      fused[sparse.get(r)] += 1.0 / (RRF_K + r + 1);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < fused.length; i++) if (fused[i] > 0) order.add(i);
    order.sort((a, b) -> fused[a] != fused[b] ? Double.compare(fused[b], fused[a]) : a - b);
    List<Hit> hits = new ArrayList<>();
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      hits.add(new Hit(chunks.get(i), (float) fused[i]));
    }
    return List.copyOf(hits);
  }

  /** The chunks {@code retrieval} finds for a query (its text and its embedding), best first. */
  public List<Hit> find(Retrieval retrieval, String text, float[] query, int k, int candidates) {
    return switch (retrieval) {
      case EMBEDDING -> top(query, k);
      case HYBRID -> hybrid(text, query, k, candidates);
      case BM25 -> lexical(text, k);
    };
  }

  /** Positions of the {@code k} chunks nearest {@code query} by cosine, best first. */
  private List<Integer> dense(float[] query, int k) {
    if (vectors == null) {
      throw new IllegalStateException(
          "this index was built for BM25 only and holds no embeddings; build it with"
              + " ChunkIndex.build(chunks, embedder) for embedding or hybrid retrieval");
    }
    float[] s = new float[chunks.size()];
    List<Integer> order = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      s[i] = Embedder.dot(query, vectors.get(i));
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> chunks.get(i).id()));
    return order.subList(0, Math.min(k, order.size()));
  }
}
