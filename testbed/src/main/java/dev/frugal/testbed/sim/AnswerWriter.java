package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.DIFFICULTY_WEIGHT;
import static dev.frugal.testbed.sim.SimParameter.SLIP_CORRELATION;
import static dev.frugal.testbed.sim.SimParameter.SLIP_RATE;

import dev.frugal.tools.dataset.AnswerMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the text of the simulated model's answer, always taken from its context.
 *
 * <ul>
 *   <li>{@link #stated}: with every needed fact understood, the span {@link Comprehension} found in
 *       the understood text, unless the model <b>slips</b>: per question it slips with chance
 *       {@code slipRate * (1 + difficultyWeight * difficulty)} (difficulty of the paragraphs it
 *       understood), and a later answer to the same question repeats that per-question decision
 *       with chance {@code slipCorrelation}, else draws afresh. A slip states the wrong hop (a
 *       phrase it earned from understood text) or the span with the next word of the text, else the
 *       title of an understood paragraph, always different from the span; a yes/no answer flips.
 *   <li>{@link #candidate}: without all facts, a plausible candidate: yes or no for a yes/no
 *       question; for "X or Y" one of the compared entities (one that occurs in the tool results
 *       when there is one); else the first phrase earned from understood text, else the title of
 *       the first paragraph opened or seen; "unknown" when nothing was read.
 * </ul>
 *
 * Draws are keyed on the reading role's seed, the role, the question and the request's evidence
 * (tool calls and results), never on answer text, so the text of an answer cannot steer a later
 * decision, and a verifier's answer does not replay the agent's draws.
 */
final class AnswerWriter {
  private static final Pattern OR_CHOICE =
      Pattern.compile("(?i)[,:]?\\s*([^,?:]+?)\\s+or\\s+([^,?]+?)\\s*\\?\\s*$");
  private static final Pattern YES_NO =
      Pattern.compile("(?i)^\\s*(is|are|was|were|did|does|do|can|could|has|have|had|will)\\b.*");

  private final SimProfile profile;

  AnswerWriter(SimProfile profile) {
    this.profile = profile;
  }

  /** Whether {@code question} is a comparison: a yes/no question or one that offers "X or Y". */
  static boolean isComparison(String question) {
    String q = question.strip();
    return YES_NO.matcher(q).matches() || OR_CHOICE.matcher(q).find();
  }

  /** The answer of a model that understood every needed fact. */
  String stated(Transcript t) {
    String found = t.understanding.answer().orElseGet(() -> candidate(t));
    if (!slips(t)) return found;
    String lower = found.toLowerCase(Locale.ROOT);
    if (lower.equals("yes")) return "no";
    if (lower.equals("no")) return "yes";
    SplittableRandom rng =
        Seeds.random(t.seed, profile.modelName(), t.role, t.question.id(), "slip-kind");
    List<String> options = new java.util.ArrayList<>();
    if (rng.nextBoolean()) {
      withNextWord(t, found).ifPresent(options::add);
      AgentPolicy.earnedPhrases(t).forEach(options::add);
    } else {
      AgentPolicy.earnedPhrases(t).forEach(options::add);
      withNextWord(t, found).ifPresent(options::add);
    }
    for (String title : t.understanding.understood())
      options.add(title.replaceAll("\\s*\\(.*\\)$", ""));
    for (String o : options) {
      if (!AnswerMetrics.normalize(o).equals(AnswerMetrics.normalize(found))) return o;
    }
    return found;
  }

  /** Whether this answer slips: a per-question decision, repeated with {@code slipCorrelation}. */
  private boolean slips(Transcript t) {
    double d = t.understanding.difficulty();
    double p = Math.min(1, profile.value(SLIP_RATE) * (1 + profile.value(DIFFICULTY_WEIGHT) * d));
    String m = profile.modelName();
    boolean perQuestion = Seeds.uniform(t.seed, m, t.role, t.question.id(), "slip") < p;
    SplittableRandom now = Seeds.random(t.seed, m, t.role, t.question.id(), "slip-now", t.evidence);
    if (now.nextDouble() < profile.value(SLIP_CORRELATION)) return perQuestion;
    return now.nextDouble() < p;
  }

  /** {@code span} with the word that follows it in the understood text, if any. */
  private static Optional<String> withNextWord(Transcript t, String span) {
    for (String text : t.understanding.understoodText()) {
      int i = text.indexOf(span);
      if (i < 0) continue;
      Matcher m = Pattern.compile("^ ([\\p{L}\\p{N}]+)").matcher(text.substring(i + span.length()));
      if (m.find()) return Optional.of(span + " " + m.group(1));
    }
    return Optional.empty();
  }

  /** A plausible answer without all facts; see the class comment. */
  String candidate(Transcript t) {
    String q = t.question.text().strip();
    SplittableRandom rng =
        Seeds.random(t.seed, profile.modelName(), t.role, t.question.id(), "candidate", t.evidence);
    if (YES_NO.matcher(q).matches() && !q.toLowerCase(Locale.ROOT).contains(" or ")) {
      return rng.nextBoolean() ? "yes" : "no";
    }
    Matcher or = OR_CHOICE.matcher(q);
    if (or.find()) {
      String a = clean(or.group(1));
      String b = clean(or.group(2));
      String tools = t.toolText().toLowerCase(Locale.ROOT);
      boolean inA = tools.contains(a.toLowerCase(Locale.ROOT));
      boolean inB = tools.contains(b.toLowerCase(Locale.ROOT));
      if (inA && !inB) return a;
      if (inB && !inA) return b;
      if (inA) return rng.nextBoolean() ? a : b;
    }
    List<String> earned = AgentPolicy.earnedPhrases(t);
    if (!earned.isEmpty()) return earned.get(0);
    for (String title : t.opened) return title.replaceAll("\\s*\\(.*\\)$", "");
    for (String title : t.seen.keySet()) return title.replaceAll("\\s*\\(.*\\)$", "");
    return "unknown";
  }

  /** A compared entity without its leading question words and articles. */
  private static String clean(String s) {
    String out = s.strip().replaceAll("^(?i)(the|a|an)\\s+", "");
    int comma = out.lastIndexOf(',');
    if (comma >= 0) out = out.substring(comma + 1).strip();
    return out.replaceAll("[\"'.]+$", "").replaceAll("^[\"']+", "");
  }
}
