package dev.frugal.memory.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Okapi BM25 (k1 1.2, b 0.75) over the keywords of a history's chunks (their source label included,
 * as for the embeddings): term frequencies and document frequencies are counted once when the index
 * is built, so a query costs one pass over its keywords' postings.
 */
final class ChunkBm25 {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private final Map<String, Map<Integer, Integer>> postings = new HashMap<>();
  private final int[] lengths;
  private final double averageLength;

  ChunkBm25(List<Chunk> chunks) {
    lengths = new int[chunks.size()];
    long total = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      List<String> words = Tokens.keywords(c.source() + " " + c.text());
      lengths[i] = words.size();
      total += words.size();
      for (String w : words)
        postings.computeIfAbsent(w, k -> new HashMap<>()).merge(i, 1, Integer::sum);
    }
    averageLength = chunks.isEmpty() ? 1 : Math.max(1, (double) total / chunks.size());
  }

  /** The BM25 score of every chunk for {@code query} (0 for a chunk sharing no keyword). */
  double[] scores(String query) {
    double[] s = new double[lengths.length];
    int n = lengths.length;
    for (String t : new HashSet<>(Tokens.keywords(query))) {
      Map<Integer, Integer> p = postings.get(t);
      if (p == null) continue;
      double idf = Math.log(1 + (n - p.size() + 0.5) / (p.size() + 0.5));
      for (Map.Entry<Integer, Integer> e : p.entrySet()) {
        int f = e.getValue();
        double norm = K1 * (1 - B + B * lengths[e.getKey()] / averageLength);
        s[e.getKey()] += idf * f * (K1 + 1) / (f + norm);
      }
    }
    return s;
  }

  /** The chunk positions with a positive score, best first (ties by position). */
  List<Integer> ranking(double[] scores) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) if (scores[i] > 0) out.add(i);
    out.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b);
    return out;
  }
}
