package dev.frugal.memory.internal;

import dev.frugal.memory.history.Tokens;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * 2009; k1 1.2, b 0.75, the idf with +1 inside the logarithm so it is never negative) over
 * documents given as their terms. Term and document frequencies are counted once, so a query costs
 * one pass over its terms' postings. The memory's one BM25: chunk retrieval ranks chunks with it,
 * the LOW-tier filter ranks sentences with it.
 */
public final class Bm25 {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private final Map<String, Map<Integer, Integer>> postings = new HashMap<>();
  private final int[] lengths;
  private final double averageLength;

  /**
   * @param documents each document's terms (e.g. {@link Tokens#keywords}), repeats counted
   */
  public Bm25(List<List<String>> documents) {
    lengths = new int[documents.size()];
    long total = 0;
    for (int i = 0; i < documents.size(); i++) {
      List<String> words = documents.get(i);
      lengths[i] = words.size();
      total += words.size();
      for (String w : words) {
        postings.computeIfAbsent(w, k -> new HashMap<>()).merge(i, 1, Integer::sum);
      }
    }
    averageLength = documents.isEmpty() ? 1 : Math.max(1, (double) total / documents.size());
  }

  /**
   * The score of every document for the distinct {@code terms} of a query (0 for a document that
   * shares none), in document order.
   */
  public double[] scores(Collection<String> terms) {
    double[] s = new double[lengths.length];
    int n = lengths.length;
    for (String t : new HashSet<>(terms)) {
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
}
