package dev.frugal.testbed.sim;

import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where the simulated model touches gold data, and only to simulate
 * <b>comprehension</b> of text that is in its request. Audited by an architecture test: no other
 * class of the simulation reads answers or supporting labels.
 *
 * <p>What it answers, and nothing more:
 *
 * <ul>
 *   <li>{@link Reader#read}: given the text of one message of the request, which paragraphs whose
 *       full text appears in it the model <i>understood</i> as holding a fact the question needs.
 *       Only paragraphs whose text is in the message are looked at; the label of a paragraph the
 *       model never saw is never read. The chance is the profile's {@code readSkill} lowered by
 *       {@code difficultyWeight} times the paragraph's difficulty for this question; the draw is
 *       fixed per (seed, model, question, title, n-th appearance).
 *   <li>{@link #difficulty}: a paragraph's difficulty in [0, 1], from the data alone: the share of
 *       the question's content words missing from the paragraph (how far the question's wording is
 *       from the text that answers it), plus 0.25 for a bridge question (one that is not a yes/no
 *       or "X or Y" comparison: its second hop hangs on the first).
 *   <li>{@link Reader#complete}: whether the model understood {@value #FACTS_NEEDED} needed facts,
 *       which is what a 2-hop question takes [declared choice: the bundled HotpotQA items have two
 *       supporting paragraphs; 2WikiMultihopQA items with four count as answered after two].
 *   <li>{@link Reader#answer}: once complete, the answer as the model finds it in the understood
 *       text: the gold span when it occurs there (case-insensitively, in the text's own casing),
 *       yes or no for a yes/no answer, else the title of the last understood paragraph (the entity
 *       it found; under exact match usually wrong).
 * </ul>
 */
final class Comprehension {
  /** Needed facts understood that make a question answerable. */
  static final int FACTS_NEEDED = 2;

  private final SimWorld world;
  private final SimProfile profile;
  private final long seed;

  Comprehension(SimWorld world, SimProfile profile, long seed) {
    this.world = Objects.requireNonNull(world, "world");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.seed = seed;
  }

  /** A fresh reader for one request about {@code question}. */
  Reader reader(QuestionView question) {
    return new Reader(world.question(question));
  }

  /** The difficulty of {@code p} for {@code q}, in [0, 1]; see the class comment. */
  static double difficulty(QuestionView q, String title, String text) {
    List<String> words = AgentPolicy.contentWords(q.text());
    String lower = (title + " " + text).toLowerCase(Locale.ROOT);
    long missing = words.stream().filter(w -> !lower.contains(w.toLowerCase(Locale.ROOT))).count();
    double gap = words.isEmpty() ? 0.5 : (double) missing / words.size();
    return Math.min(1.0, gap + (AnswerWriter.isComparison(q.text()) ? 0 : 0.25));
  }

  /** Reads the messages of one request, in order. */
  final class Reader {
    private final Question q;
    private final QuestionView view;
    private final Map<String, Integer> appearances = new HashMap<>();
    private final Set<String> understood = new LinkedHashSet<>();
    private final List<String> understoodText = new ArrayList<>();
    private double difficultySum;

    private Reader(Question q) {
      this.q = q;
      this.view = new QuestionView(q.id(), q.text());
    }

    /**
     * The titles of paragraphs whose full text is in {@code messageText} and whose needed fact the
     * model understood now for the first time.
     */
    List<String> read(String messageText) {
      List<String> now = new ArrayList<>();
      for (ContextParagraph p : q.paragraphs()) {
        if (p.text().isEmpty() || !messageText.contains(p.text())) continue;
        // only now, with the paragraph in the request, is its label looked at
        if (!p.supporting()) continue;
        int n = appearances.merge(p.title(), 1, Integer::sum);
        if (understood.contains(p.title())) continue;
        double d = Comprehension.difficulty(view, p.title(), p.text());
        double skill =
            profile.value(SimParameter.READ_SKILL)
                - d * profile.value(SimParameter.DIFFICULTY_WEIGHT);
        if (Seeds.uniform(seed, profile.modelName(), q.id(), "read", p.title(), n) < skill) {
          understood.add(p.title());
          understoodText.add(p.title() + "\n" + p.text());
          difficultySum += d;
          now.add(p.title());
        }
      }
      return now;
    }

    /** Titles understood so far, in order. */
    Set<String> understood() {
      return Set.copyOf(understood);
    }

    /** The text of the understood paragraphs (title, a line break, text), in order. */
    List<String> understoodText() {
      return List.copyOf(understoodText);
    }

    /** The mean difficulty of the paragraphs understood; 0.5 when none. */
    double difficulty() {
      return understood.isEmpty() ? 0.5 : difficultySum / understood.size();
    }

    /** Whether enough needed facts have been understood to answer. */
    boolean complete() {
      return understood.size() >= FACTS_NEEDED;
    }

    /** The answer found in the understood text, once {@link #complete()}; see the class comment. */
    Optional<String> answer() {
      if (!complete()) return Optional.empty();
      for (String gold : q.answers()) {
        String g = gold.strip();
        if (g.matches("(?i)yes|no")) return Optional.of(g.toLowerCase(Locale.ROOT));
        for (String t : understoodText) {
          int i = g.isEmpty() ? -1 : t.toLowerCase(Locale.ROOT).indexOf(g.toLowerCase(Locale.ROOT));
          if (i >= 0) return Optional.of(t.substring(i, i + g.length()));
        }
      }
      List<String> titles = new ArrayList<>(understood);
      return Optional.of(titles.get(titles.size() - 1).replaceAll("\\s*\\(.*\\)$", ""));
    }
  }
}
