package dev.frugal.memory.module;

import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LOW-tier Filter: scores every sentence of the retrieved chunks against the query's keywords
 * with Okapi BM25 (k1 1.2, b 0.75; document frequencies over those sentences) and keeps the best
 * {@code keep} that share at least one keyword with the query, in their original order. When no
 * sentence shares a keyword, the first sentences of the best chunk are kept, so the summary is
 * never empty.
 */
public final class Bm25Filter {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private final int keep;

  /**
   * @param keep how many sentences to keep (at least 1)
   */
  public Bm25Filter(int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    this.keep = keep;
  }

  /** The kept sentences of {@code chunks} (best retrieved chunk first) for {@code query}. */
  public List<Evidence> filter(String query, List<Chunk> chunks) {
    List<Evidence> all = new ArrayList<>();
    List<List<String>> words = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    for (Chunk c : chunks) {
      for (String s : c.sentences()) {
        all.add(new Evidence(c.id(), c.source(), c.date(), s, 0));
        List<String> w = Tokens.keywords(s);
        words.add(w);
        for (String t : new HashSet<>(w)) df.merge(t, 1, Integer::sum);
      }
    }
    if (all.isEmpty()) return List.of();
    double avg = words.stream().mapToInt(List::size).average().orElse(1);
    Set<String> q = new HashSet<>(Tokens.keywords(query));
    int n = all.size();
    List<Integer> order = new ArrayList<>();
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      Map<String, Integer> tf = new HashMap<>();
      for (String t : words.get(i)) tf.merge(t, 1, Integer::sum);
      double s = 0;
      for (String t : q) {
        Integer f = tf.get(t);
        if (f == null) continue;
        int d = df.get(t);
        double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
        s += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * words.get(i).size() / Math.max(1, avg)));
      }
      score[i] = s;
      if (s > 0) order.add(i);
    }
    if (order.isEmpty()) {
      List<Evidence> out = new ArrayList<>();
      for (Evidence e : all) {
        if (e.chunk() != all.get(0).chunk() || out.size() >= keep) break;
        out.add(e);
      }
      return out;
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
