package dev.frugal.tools.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer scores of the official HotpotQA evaluation: exact match and token F1 after the
 * standard normalisation (lower-case, drop ASCII punctuation, drop the articles a/an/the, collapse
 * whitespace). F1 is 0 when either normalised side is {@code yes}, {@code no} or {@code noanswer}
 * and the two differ. With several acceptable answers, each score is the best over them.
 */
public final class AnswerMetrics {

  private static final Pattern ARTICLES =
      Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Set<String> CLOSED_ANSWERS = Set.of("yes", "no", "noanswer");

  private AnswerMetrics() {}

  /**
   * Both scores of {@code prediction} (null counts as no answer) against the acceptable answers.
   */
  public static AnswerScore score(String prediction, List<String> answers) {
    return new AnswerScore(exactMatch(prediction, answers), f1(prediction, answers));
  }

  /** True when the normalised prediction equals some normalised acceptable answer. */
  public static boolean exactMatch(String prediction, List<String> answers) {
    String p = normalize(prediction);
    return requireAnswers(answers).stream().anyMatch(a -> normalize(a).equals(p));
  }

  /** The best token F1 of the prediction over the acceptable answers, in [0, 1]. */
  public static double f1(String prediction, List<String> answers) {
    String p = normalize(prediction);
    return requireAnswers(answers).stream()
        .mapToDouble(a -> tokenF1(p, normalize(a)))
        .max()
        .orElse(0);
  }

  /** The HotpotQA normalisation; null becomes the empty string. */
  public static String normalize(String s) {
    if (s == null) return "";
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) kept.append(c);
    }
    String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
    return WHITESPACE.matcher(noArticles).replaceAll(" ").strip();
  }

  private static double tokenF1(String prediction, String gold) {
    if (CLOSED_ANSWERS.contains(prediction) || CLOSED_ANSWERS.contains(gold)) {
      if (!prediction.equals(gold)) return 0;
    }
    String[] predicted = tokens(prediction);
    String[] expected = tokens(gold);
    Map<String, Integer> remaining = new HashMap<>();
    for (String t : expected) remaining.merge(t, 1, Integer::sum);
    int same = 0;
    for (String t : predicted) {
      Integer left = remaining.get(t);
      if (left != null && left > 0) {
        remaining.put(t, left - 1);
        same++;
      }
    }
    if (same == 0) return 0;
    double precision = (double) same / predicted.length;
    double recall = (double) same / expected.length;
    return 2 * precision * recall / (precision + recall);
  }

  private static String[] tokens(String normalized) {
    return normalized.isEmpty() ? new String[0] : normalized.split(" ");
  }

  private static List<String> requireAnswers(List<String> answers) {
    if (answers == null || answers.isEmpty()) {
      throw new IllegalArgumentException(
          "no acceptable answers to score against; pass at least one gold answer");
    }
    return answers;
  }
}
