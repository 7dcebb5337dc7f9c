package dev.frugal.core.strategy.internal;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Groups equivalent answers and counts them: answers are equivalent when they are equal after
 * lower-casing, removing accents, punctuation and the articles a/an/the, and collapsing whitespace
 * (the usual normalisation of short-answer QA).
 */
public final class AnswerVote {
  private AnswerVote() {}

  /** The normalised form used to group answers. */
  public static String key(String answer) {
    String s = Normalizer.normalize(answer, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}]", " ");
    s = s.replaceAll("\\b(a|an|the)\\b", " ");
    return s.trim().replaceAll("\\s+", " ");
  }

  /** Each group's first-seen answer with its count, in order of first appearance. */
  public static Map<String, Integer> counts(List<String> answers) {
    Map<String, String> firstByKey = new LinkedHashMap<>();
    Map<String, Integer> countByKey = new LinkedHashMap<>();
    for (String a : answers) {
      if (a == null || a.isBlank()) continue;
      String k = key(a);
      firstByKey.putIfAbsent(k, a);
      countByKey.merge(k, 1, Integer::sum);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    countByKey.forEach((k, n) -> out.put(firstByKey.get(k), n));
    return out;
  }

  /** The most frequent answer; ties go to the one seen first. Empty when there is no answer. */
  public static Optional<String> majority(List<String> answers) {
    String best = null;
    int bestN = 0;
    for (Map.Entry<String, Integer> e : counts(answers).entrySet()) {
      if (e.getValue() > bestN) {
        best = e.getKey();
        bestN = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }
}
