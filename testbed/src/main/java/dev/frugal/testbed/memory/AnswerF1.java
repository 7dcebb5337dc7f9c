package dev.frugal.testbed.memory;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The grader: SQuAD-style token F1 (lower case, punctuation and articles removed) against the best
 * of the gold answers. The only class of the testbed that reads gold answers.
 */
public final class AnswerF1 {
  private AnswerF1() {}

  public static double best(String prediction, List<String> golds) {
    double best = 0;
    for (String g : golds) best = Math.max(best, f1(prediction, g));
    return best;
  }

  static double f1(String prediction, String gold) {
    List<String> p = tokens(prediction);
    List<String> g = tokens(gold);
    if (p.isEmpty() || g.isEmpty()) return p.equals(g) ? 1 : 0;
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) counts.merge(t, 1, Integer::sum);
    int same = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    if (same == 0) return 0;
    double precision = (double) same / p.size();
    double recall = (double) same / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  static List<String> tokens(String s) {
    String n =
        Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    n = n.replaceAll("[^\\p{L}\\p{N}\\s]", " ").replaceAll("\\b(a|an|the)\\b", " ");
    return java.util.Arrays.stream(n.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
  }
}
