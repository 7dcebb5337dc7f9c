package dev.frugal.testbed.sim;

import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where the simulated model touches gold data, and only to simulate
 * <b>comprehension</b> of text that is in the request of the role reading it (docs/testbed.md,
 * "Testbed v3"). Audited by an architecture test: no other class of the simulation reads answers or
 * supporting labels.
 *
 * <p>Every role (agent, verifier, critic, judge, summariser, planner) reads for itself: a {@link
 * Reader} belongs to one {@link Role}, and its draws are keyed on (role seed, model, role,
 * question, title, n-th appearance in the request). The agent's role seed is the episode's seed;
 * the other roles read like a model at temperature 0, so their draws do not depend on the agent's
 * seed at all: a verifier may miss evidence the agent read, or read evidence it missed.
 *
 * <ul>
 *   <li>{@link Reader#read}: given the text of one message of the request, for each paragraph whose
 *       full text appears in it: a <b>supporting</b> paragraph is understood with chance {@code
 *       readSkill} lowered by {@code difficultyWeight} times its difficulty; a <b>distractor</b> is
 *       misread as a supporting fact with chance {@code misread} times the share of the question's
 *       content words it contains, and the misread fact carries a wrong candidate answer taken from
 *       that distractor's text (a span of the type the question asks for; for a yes/no question,
 *       yes or no by the reader's own draw). Labels are looked at only for paragraphs whose text is
 *       in the message.
 *   <li>{@link #difficulty}: a paragraph's difficulty in [0, 1], from the data alone: the share of
 *       the question's content words missing from the paragraph, plus 0.25 for a bridge question.
 *   <li>{@link Reader#complete}: whether the reader holds as many facts (understood or misread) as
 *       the question has supporting paragraphs: every supporting fact is needed (two for the
 *       bundled HotpotQA items, four for 2WikiMultihopQA's comparisons).
 *   <li>{@link Reader#answer}: once complete, the answer as the reader finds it in the facts it
 *       holds: the wrong candidate of a misread fact when it holds one; else the gold span when it
 *       occurs in the understood text, yes or no for a yes/no answer, else the title of the
 *       understood paragraph that comes last in the question's context.
 *   <li>{@link #fromMemory}: the one other use of the gold answer: per question and model a fixed
 *       draw (the same for every seed, strategy and role) says whether the model knows the answer
 *       from memory, with chance {@code memoryRecall}.
 * </ul>
 */
final class Comprehension {
  /** Who reads: each role has its own draws. */
  enum Role {
    AGENT,
    VERIFIER,
    CRITIC,
    JUDGE,
    SUMMARISER,
    PLANNER
  }

  /** The seed of every role but the agent's: a fixed, temperature-0 reader. */
  static final long ROLE_SEED = 0x5EEDL;

  private static final Pattern YEAR = Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d[\\d,.]*\\b");
  private static final Pattern DATE =
      Pattern.compile(
          "\\b(\\d{1,2} )?(January|February|March|April|May|June|July|August|September|October"
              + "|November|December)( \\d{1,2})?,? \\d{4}\\b");

  /**
   * A fact a reader holds: understood from a supporting paragraph, or misread from a distractor.
   */
  record Fact(String title, String text, boolean misread, String wrongSpan) {}

  private final SimWorld world;
  private final SimProfile profile;
  private final long seed;

  /** Per question id and message text: which of the question's paragraphs the text holds. */
  private final Memo<Held, int[]> held = new Memo<>(8192);

  private record Held(String questionId, String text) {}

  /** Per question id and paragraph index: its difficulty, and its overlap with the question. */
  private final Memo<Paragraph, Double> difficulties = new Memo<>(8192);

  private final Memo<Paragraph, Double> overlaps = new Memo<>(8192);

  private record Paragraph(String questionId, int index) {}

  Comprehension(SimWorld world, SimProfile profile, long seed) {
    this.world = Objects.requireNonNull(world, "world");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.seed = seed;
  }

  /** A fresh agent reader for one request about {@code question}. */
  Reader reader(QuestionView question) {
    return reader(question, Role.AGENT);
  }

  /** A fresh reader for one request about {@code question}, reading as {@code role}. */
  Reader reader(QuestionView question, Role role) {
    return new Reader(world.question(question), role, role == Role.AGENT ? seed : ROLE_SEED);
  }

  /** The seed a role's draws are keyed on. */
  long seedOf(Role role) {
    return role == Role.AGENT ? seed : ROLE_SEED;
  }

  /**
   * The answer the model knows from memory, if its fixed per-question draw says it knows one (see
   * the class comment); the same for every seed, strategy and role.
   */
  Optional<String> fromMemory(QuestionView view) {
    double p = profile.value(SimParameter.MEMORY_RECALL);
    if (p <= 0) return Optional.empty();
    if (Seeds.uniform(ROLE_SEED, profile.modelName(), view.id(), "memory") >= p) {
      return Optional.empty();
    }
    Question q = world.question(view);
    return q.answers().isEmpty() ? Optional.empty() : Optional.of(q.answers().get(0).strip());
  }

  /** The difficulty of {@code p} for {@code q}, in [0, 1]; see the class comment. */
  static double difficulty(QuestionView q, String title, String text) {
    List<String> words = AgentPolicy.contentWords(q.text());
    String lower = (title + " " + text).toLowerCase(Locale.ROOT);
    long missing = words.stream().filter(w -> !lower.contains(w.toLowerCase(Locale.ROOT))).count();
    double gap = words.isEmpty() ? 0.5 : (double) missing / words.size();
    return Math.min(1.0, gap + (AnswerWriter.isComparison(q.text()) ? 0 : 0.25));
  }

  /** Reads the messages of one request, in order, as one role. */
  final class Reader {
    private final Question q;
    private final QuestionView view;
    private final Role role;
    private final long roleSeed;
    private final int needed;
    private final Map<String, Integer> appearances = new HashMap<>();
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    private final Set<String> understood = new LinkedHashSet<>();
    private double difficultySum;

    private Reader(Question q, Role role, long roleSeed) {
      this.q = q;
      this.view = new QuestionView(q.id(), q.text());
      this.role = role;
      this.roleSeed = roleSeed;
      int n = 0;
      for (ContextParagraph p : q.paragraphs()) if (p.supporting()) n++;
      this.needed = n == 0 ? 2 : n;
    }

    /**
     * The titles of paragraphs whose full text is in {@code messageText} and that the reader now,
     * for the first time, holds as a fact (understood or misread).
     */
    List<String> read(String messageText) {
      List<String> now = new ArrayList<>();
      List<ContextParagraph> paragraphs = q.paragraphs();
      for (int i : held.get(new Held(q.id(), messageText), k -> heldIn(k.text()))) {
        ContextParagraph p = paragraphs.get(i);
        int n = appearances.merge(p.title(), 1, Integer::sum);
        if (facts.containsKey(p.title())) continue;
        // only now, with the paragraph in the request, is its label looked at
        String m = profile.modelName();
        double u = Seeds.uniform(roleSeed, m, role, q.id(), "read", p.title(), n);
        if (p.supporting()) {
          double d =
              difficulties.get(
                  new Paragraph(q.id(), i),
                  k -> Comprehension.difficulty(view, p.title(), p.text()));
          double skill =
              profile.value(SimParameter.READ_SKILL)
                  - d * profile.value(SimParameter.DIFFICULTY_WEIGHT);
          if (u < skill) {
            facts.put(p.title(), new Fact(p.title(), p.text(), false, null));
            understood.add(p.title());
            difficultySum += d;
            now.add(p.title());
          }
        } else {
          double chance =
              profile.value(SimParameter.MISREAD)
                  * overlaps.get(new Paragraph(q.id(), i), k -> overlap(p));
          if (u < chance) {
            Optional<String> span = wrongSpan(p);
            if (span.isPresent()) {
              facts.put(p.title(), new Fact(p.title(), p.text(), true, span.get()));
              now.add(p.title());
            }
          }
        }
      }
      return now;
    }

    /** The indices of the question's non-empty paragraphs whose full text is in {@code text}. */
    private int[] heldIn(String text) {
      List<ContextParagraph> paragraphs = q.paragraphs();
      int[] found = new int[paragraphs.size()];
      int n = 0;
      for (int i = 0; i < paragraphs.size(); i++) {
        String t = paragraphs.get(i).text();
        if (!t.isEmpty() && text.contains(t)) found[n++] = i;
      }
      return Arrays.copyOf(found, n);
    }

    /** The share of the question's content words that {@code p} contains. */
    private double overlap(ContextParagraph p) {
      List<String> words = AgentPolicy.contentWords(q.text());
      if (words.isEmpty()) return 0;
      String lower = (p.title() + " " + p.text()).toLowerCase(Locale.ROOT);
      long hits = words.stream().filter(w -> lower.contains(w.toLowerCase(Locale.ROOT))).count();
      return (double) hits / words.size();
    }

    /**
     * The wrong candidate a misread distractor yields: a span of its text of the type the question
     * asks for (a yes/no flip, the other compared entity, a date, a number, else a named phrase the
     * question does not name), chosen without looking at the gold answer (a misread can, by luck,
     * land on it).
     */
    private Optional<String> wrongSpan(ContextParagraph p) {
      String gold = q.answers().isEmpty() ? "" : q.answers().get(0).strip();
      if (gold.matches("(?i)yes|no")) {
        // which way a misread comparison goes: the reader's own draw, not the gold answer
        double u = Seeds.uniform(roleSeed, profile.modelName(), role, q.id(), "misread", p.title());
        return Optional.of(u < 0.5 ? "yes" : "no");
      }
      String question = q.text().toLowerCase(Locale.ROOT);
      List<String> options = new ArrayList<>();
      Pattern typed =
          question.startsWith("when") || question.contains("what year")
              ? DATE
              : question.startsWith("how many") || question.startsWith("how much") ? NUMBER : null;
      if (typed != null) {
        Matcher mt = typed.matcher(p.text());
        while (mt.find()) options.add(mt.group());
        if (typed == DATE) {
          Matcher y = YEAR.matcher(p.text());
          while (y.find()) options.add(y.group());
        }
      }
      for (String named : QuestionPlan.namedPhrases(p.title() + ". " + p.text())) {
        options.add(named.split("\\.\\s+")[0].replaceAll("[.,;:]+$", "").strip());
      }
      for (String o : options) {
        String n = AnswerMetrics.normalize(o);
        if (n.isEmpty() || question.contains(o.toLowerCase(Locale.ROOT))) continue;
        return Optional.of(o);
      }
      return Optional.empty();
    }

    /** Titles understood (from supporting paragraphs) so far, in order. */
    Set<String> understood() {
      return Set.copyOf(understood);
    }

    /** The facts held, understood or misread, in the order they were read. */
    List<Fact> facts() {
      return List.copyOf(facts.values());
    }

    /** The text of every fact held, understood or misread (title, a line break, text), in order. */
    List<String> understoodText() {
      List<String> out = new ArrayList<>();
      for (Fact f : facts.values()) out.add(f.title() + "\n" + f.text());
      return out;
    }

    /** The mean difficulty of the paragraphs understood; 0.5 when none. */
    double difficulty() {
      return understood.isEmpty() ? 0.5 : difficultySum / understood.size();
    }

    /** Whether the reader holds as many facts as the question has supporting paragraphs. */
    boolean complete() {
      return facts.size() >= needed;
    }

    /** Whether any fact held is a misread distractor. */
    boolean misled() {
      return facts.values().stream().anyMatch(Fact::misread);
    }

    /** The answer found in the facts held, once {@link #complete()}; see the class comment. */
    Optional<String> answer() {
      if (!complete()) return Optional.empty();
      Fact wrong = null;
      for (Fact f : facts.values()) if (f.misread()) wrong = f;
      if (wrong != null) return Optional.of(wrong.wrongSpan());
      for (String gold : q.answers()) {
        String g = gold.strip();
        if (g.matches("(?i)yes|no")) return Optional.of(g.toLowerCase(Locale.ROOT));
        for (Fact f : facts.values()) {
          String t = f.title() + "\n" + f.text();
          int i = g.isEmpty() ? -1 : t.toLowerCase(Locale.ROOT).indexOf(g.toLowerCase(Locale.ROOT));
          if (i >= 0) return Optional.of(t.substring(i, i + g.length()));
        }
      }
      // the entity found: the understood paragraph that comes last in the question's context, so
      // that two readers holding the same facts state the same thing whatever order they read in
      String last = null;
      for (ContextParagraph p : q.paragraphs())
        if (understood.contains(p.title())) last = p.title();
      return Optional.of(last.replaceAll("\\s*\\(.*\\)$", ""));
    }
  }
}
