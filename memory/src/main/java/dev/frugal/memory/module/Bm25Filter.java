package dev.frugal.memory.module;

import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.Tokens;
import dev.frugal.memory.internal.Bm25;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The LOW-tier Filter: scores every sentence of the retrieved chunks against the query's keywords
 * with the memory's {@link Bm25} (document frequencies over those sentences) and keeps the best
 * {@code keep} that share at least one keyword with the query, in their original order. When no
 * sentence shares a keyword, the first sentences of the best chunk are kept, so the summary is
 * never empty.
 */
final class Bm25Filter {
  private final int keep;

  /**
   * @param keep how many sentences to keep (at least 1)
   */
  Bm25Filter(int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    this.keep = keep;
  }

  /** The kept sentences of {@code chunks} (best retrieved chunk first) for {@code query}. */
  public List<Evidence> filter(String query, List<Chunk> chunks) {
    List<Evidence> all = new ArrayList<>();
    List<List<String>> words = new ArrayList<>();
    for (Chunk c : chunks) {
      for (String s : c.sentences()) {
        all.add(new Evidence(c.id(), c.source(), c.date(), s, 0));
        words.add(Tokens.keywords(s));
      }
    }
    if (all.isEmpty()) return List.of();
    double[] score = new Bm25(words).scores(Tokens.keywords(query));
    int n = all.size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) if (score[i] > 0) order.add(i);
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
