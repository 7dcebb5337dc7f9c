package dev.frugal.testbed.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one audited place where the SIMULATED memory models touch gold data: given the supporting
 * sentences of the current question and the text of a request, it says which supporting sentences
 * that are <em>present in the request</em> the simulated model understood, each with probability
 * {@code skill}, drawn from a stream keyed on the sentence, the model and the seed (the same model
 * understands the same sentence the same way every time). Sentences not in the request are never
 * reported. It also simulates finding the answer in understood text: it returns a gold span only
 * when that span occurs in the request (dates also as the request's ISO dates read aloud).
 */
final class Comprehension {
  private final Set<String> supporting;
  private final List<String> answers;
  private final long seed;

  Comprehension(Set<String> supporting, List<String> answers, long seed) {
    this.supporting = Set.copyOf(supporting);
    this.answers = List.copyOf(answers);
    this.seed = seed;
  }

  /** How many supporting sentences the question has (the size, not the sentences). */
  int needed() {
    return supporting.size();
  }

  /**
   * The answer span as it occurs in {@code text} (already understood by the caller), or empty when
   * no gold answer occurs there. ISO dates in the text count in their spoken form too.
   */
  java.util.Optional<String> spanIn(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    String spoken = spokenDates(text).toLowerCase(java.util.Locale.ROOT);
    for (String a : answers) {
      String al = a.toLowerCase(java.util.Locale.ROOT).strip();
      if (al.isEmpty() || al.equals("yes") || al.equals("no")) continue;
      if (lower.contains(al) || spoken.contains(al)) return java.util.Optional.of(a);
    }
    return java.util.Optional.empty();
  }

  /** Whether the gold answer is yes or no (a comparison question's form is in its wording too). */
  boolean yesNo() {
    return answers.stream().anyMatch(a -> a.equalsIgnoreCase("yes") || a.equalsIgnoreCase("no"));
  }

  /** The yes/no answer a model that understood the needed facts gives. */
  String yesNoAnswer() {
    return answers.stream()
        .filter(a -> a.equalsIgnoreCase("yes") || a.equalsIgnoreCase("no"))
        .findFirst()
        .orElse("yes");
  }

  static String spokenDates(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      try {
        java.time.LocalDate d = java.time.LocalDate.parse(m.group());
        m.appendReplacement(sb, dev.frugal.memory.internal.RuleTemporal.spoken(d));
      } catch (java.time.DateTimeException e) {
        m.appendReplacement(sb, m.group());
      }
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The supporting sentences in {@code request} that a model with {@code skill} understood. */
  List<String> understood(String request, String model, double skill) {
    List<String> out = new ArrayList<>();
    for (String s : supporting) {
      if (!request.contains(s)) continue;
      if (draw(s, model) < skill) out.add(s);
    }
    return out;
  }

  private double draw(String sentence, String model) {
    long h = seed * 0x9E3779B97F4A7C15L ^ sentence.hashCode() * 31L ^ model.hashCode();
    return new java.util.Random(h).nextDouble();
  }
}
