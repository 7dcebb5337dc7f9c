package dev.frugal.memory.history;

import dev.frugal.memory.internal.Bm25;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Bm25} over the keywords of a history's chunks (their source label included, as for the
 * embeddings), counted once when the index is built.
 */
final class ChunkBm25 {
  private final Bm25 bm25;

  ChunkBm25(List<Chunk> chunks) {
    List<List<String>> docs = new ArrayList<>();
    for (Chunk c : chunks) docs.add(Tokens.keywords(c.source() + " " + c.text()));
    bm25 = new Bm25(docs);
  }

  /** The BM25 score of every chunk for {@code query} (0 for a chunk sharing no keyword). */
  double[] scores(String query) {
    return bm25.scores(Tokens.keywords(query));
  }

  /** The chunk positions with a positive score, best first (ties by position). */
  List<Integer> ranking(double[] scores) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) if (scores[i] > 0) out.add(i);
    out.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b);
    return out;
  }
}
