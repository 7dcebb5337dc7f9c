package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.ANSWER_GIVEN_FACTS;
import static dev.frugal.testbed.sim.SimParameter.EARLY_STOP;
import static dev.frugal.testbed.sim.SimParameter.EARLY_STOP_LOW_BUDGET;
import static dev.frugal.testbed.sim.SimParameter.EARLY_STOP_WITH_BUDGET;
import static dev.frugal.testbed.sim.SimParameter.GUESS_ACCURACY;
import static dev.frugal.testbed.sim.SimParameter.OPEN_RIGHT;
import static dev.frugal.testbed.sim.SimParameter.QUERIES_PER_CALL;
import static dev.frugal.testbed.sim.SimParameter.QUERY_TARGETS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.testbed.sim.BudgetStatus.Regime;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How the simulated agent acts at one ReAct step, given what it read ({@link Transcript}) and the
 * tools offered. In order:
 *
 * <ol>
 *   <li>All supporting facts picked up: answer (gold with probability {@code answerGivenFacts},
 *       else a plausible wrong answer).
 *   <li>Otherwise, once at least one tool result is in, give up with a per-step hazard ({@code
 *       earlyStop}; {@code earlyStopWithBudget} when the tracker shows a HIGH or MEDIUM budget,
 *       {@code earlyStopLowBudget} when it shows LOW or CRITICAL) and guess (gold with probability
 *       {@code guessAccuracy}). With no usable tool left it guesses too.
 *   <li>A supporting title seen in search results but not opened: open it with probability {@code
 *       openRight}, else a distractor seen (when there is one).
 *   <li>Otherwise search; each query targets a still-missing supporting paragraph with probability
 *       {@code queryTargets} (its title plus two question words), else it is vague (a few question
 *       words) or aimed at a distractor paragraph of the item. Queries go through the real index.
 * </ol>
 *
 * <p>Batching: without a budget shown, 1 to {@code queriesPerCall} queries per search and one id
 * per open. With the tracker, the regimes of the BATS prompt: HIGH 3-5 queries and 2-3 ids, MEDIUM
 * 2-3 queries and 1-2 ids, LOW and CRITICAL 1 of each; never more than the units shown as left.
 */
final class AgentPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "was", "were", "are", "which", "what", "who", "whom", "whose",
          "when", "where", "how", "did", "does", "that", "this", "with", "from", "than", "into",
          "has", "had", "have", "its", "his", "her", "their", "also", "both", "same", "many",
          "much", "more", "most", "first", "born", "name", "known");

  private final SimProfile profile;

  AgentPolicy(SimProfile profile) {
    this.profile = profile;
  }

  /** The step's reply: tool calls, or an answer. */
  AiMessage act(
      Transcript t,
      boolean searchOffered,
      boolean openOffered,
      SplittableRandom rng,
      String callId) {
    Question q = t.question;
    if (t.hasAllFacts()) {
      return answer(q, rng.nextDouble() < profile.value(ANSWER_GIVEN_FACTS), rng);
    }
    boolean canSearch = searchOffered && usable(t, SearchTool.NAME);
    boolean canOpen = openOffered && usable(t, OpenTool.NAME);
    if (!canSearch && !canOpen) return guess(q, rng);
    if (t.toolResults > 0 && rng.nextDouble() < hazard(t)) return guess(q, rng);

    List<String> toOpen = new ArrayList<>();
    for (String title : q.supportingTitles()) {
      if (t.seen.containsKey(title) && !t.opened.contains(title) && !t.pickedUp.contains(title)) {
        toOpen.add(title);
      }
    }
    if (canOpen && !toOpen.isEmpty()) {
      return open(t, toOpen, rng, callId);
    }
    if (canSearch) return search(t, rng, callId);
    return guess(q, rng);
  }

  /** The forced final answer: no tools offered. */
  AiMessage finalAnswer(Transcript t, SplittableRandom rng) {
    if (t.hasAllFacts()) {
      return answer(t.question, rng.nextDouble() < profile.value(ANSWER_GIVEN_FACTS), rng);
    }
    return guess(t.question, rng);
  }

  private double hazard(Transcript t) {
    Optional<Regime> regime = t.regime();
    if (regime.isEmpty()) return profile.value(EARLY_STOP);
    return switch (regime.get()) {
      case HIGH, MEDIUM -> profile.value(EARLY_STOP_WITH_BUDGET);
      case LOW, CRITICAL -> profile.value(EARLY_STOP_LOW_BUDGET);
    };
  }

  private static boolean usable(Transcript t, String tool) {
    return !t.refused.contains(tool) && t.remaining(tool).map(n -> n > 0).orElse(true);
  }

  private AiMessage open(Transcript t, List<String> supporting, SplittableRandom rng, String id) {
    int n = cap(t, OpenTool.NAME, batch(t.regime(), rng, 1, new int[][] {{2, 3}, {1, 2}, {1, 1}}));
    List<String> distractors = new ArrayList<>();
    Set<String> supportingTitles = Set.copyOf(t.question.supportingTitles());
    for (String title : t.seen.keySet()) {
      if (!supportingTitles.contains(title) && !t.opened.contains(title)) distractors.add(title);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < n && (!supporting.isEmpty() || !distractors.isEmpty()); i++) {
      boolean right = rng.nextDouble() < profile.value(OPEN_RIGHT);
      String title =
          (right && !supporting.isEmpty()) || distractors.isEmpty()
              ? supporting.remove(0)
              : distractors.remove(rng.nextInt(distractors.size()));
      ids.add(t.seen.get(title));
    }
    ObjectNode args = JSON.createObjectNode();
    ids.forEach(args.putArray(OpenTool.PARAM)::add);
    return AiMessage.from(call(id, OpenTool.NAME, args));
  }

  private AiMessage search(Transcript t, SplittableRandom rng, String id) {
    int max = (int) profile.value(QUERIES_PER_CALL);
    int n =
        cap(t, SearchTool.NAME, batch(t.regime(), rng, max, new int[][] {{3, 5}, {2, 3}, {1, 1}}));
    Question q = t.question;
    List<String> missing = new ArrayList<>();
    for (String title : q.supportingTitles()) {
      if (!t.pickedUp.contains(title) && !t.seen.containsKey(title)) missing.add(title);
    }
    if (missing.isEmpty()) {
      for (String title : q.supportingTitles()) if (!t.pickedUp.contains(title)) missing.add(title);
    }
    List<String> words = contentWords(q.text());
    List<String> distractors =
        q.paragraphs().stream().filter(p -> !p.supporting()).map(ContextParagraph::title).toList();
    Set<String> queries = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      String query = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        query = query(rng, missing, i, words, distractors);
        String key = Transcript.normalisedQuery(query);
        if (!t.queries.contains(key) && !queries.contains(query)) break;
      }
      queries.add(query);
    }
    ObjectNode args = JSON.createObjectNode();
    queries.forEach(args.putArray(SearchTool.PARAM)::add);
    return AiMessage.from(call(id, SearchTool.NAME, args));
  }

  private String query(
      SplittableRandom rng,
      List<String> missing,
      int i,
      List<String> words,
      List<String> distractors) {
    if (!missing.isEmpty() && rng.nextDouble() < profile.value(QUERY_TARGETS)) {
      String title = missing.get(i % missing.size());
      return title + " " + String.join(" ", pick(words, 2, rng, title));
    }
    if (distractors.isEmpty() || rng.nextBoolean()) {
      return String.join(" ", pick(words, 3 + rng.nextInt(3), rng, ""));
    }
    String d = distractors.get(rng.nextInt(distractors.size()));
    return d + " " + String.join(" ", pick(words, 1, rng, d));
  }

  /** Up to {@code n} of {@code words} not already in {@code exclude}, in question order. */
  private static List<String> pick(
      List<String> words, int n, SplittableRandom rng, String exclude) {
    String ex = exclude.toLowerCase(Locale.ROOT);
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (!ex.contains(words.get(i).toLowerCase(Locale.ROOT))) idx.add(i);
    }
    List<Integer> chosen = new ArrayList<>();
    while (chosen.size() < n && !idx.isEmpty()) chosen.add(idx.remove(rng.nextInt(idx.size())));
    chosen.sort(null);
    List<String> out = new ArrayList<>();
    for (int i : chosen) out.add(words.get(i));
    if (out.isEmpty() && !words.isEmpty()) out.add(words.get(0));
    return out;
  }

  static List<String> contentWords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("[^\\p{L}\\p{N}'-]+")) {
      String s = w.replaceAll("^['-]+|['-]+$", "");
      if (s.length() > 2 && !STOP_WORDS.contains(s.toLowerCase(Locale.ROOT))) out.add(s);
    }
    return out;
  }

  /** How many elements to send, by regime: {high, medium, low} ranges, or 1..max without one. */
  private static int batch(Optional<Regime> regime, SplittableRandom rng, int max, int[][] ranges) {
    if (regime.isEmpty()) return 1 + rng.nextInt(max);
    int[] r =
        switch (regime.get()) {
          case HIGH -> ranges[0];
          case MEDIUM -> ranges[1];
          case LOW, CRITICAL -> ranges[2];
        };
    return r[0] + rng.nextInt(r[1] - r[0] + 1);
  }

  private static int cap(Transcript t, String tool, int n) {
    return (int) Math.max(1, Math.min(n, t.remaining(tool).orElse((long) n)));
  }

  private AiMessage guess(Question q, SplittableRandom rng) {
    return answer(q, rng.nextDouble() < profile.value(GUESS_ACCURACY), rng);
  }

  private static AiMessage answer(Question q, boolean right, SplittableRandom rng) {
    String a = right ? q.answers().get(0) : wrongAnswer(q, rng);
    return AiMessage.from("<answer>" + a + "</answer>");
  }

  /**
   * A plausible wrong answer: the opposite of a yes/no answer, else a title from the item's context
   * (a distractor, or the other entity of a comparison), never one that scores as gold.
   */
  static String wrongAnswer(Question q, SplittableRandom rng) {
    String gold = AnswerMetrics.normalize(q.answers().get(0));
    if (gold.equals("yes")) return "no";
    if (gold.equals("no")) return "yes";
    List<String> options = new ArrayList<>();
    for (ContextParagraph p : q.paragraphs()) {
      String name = p.title().replaceAll("\\s*\\(.*\\)$", "");
      if (!options.contains(name) && !AnswerMetrics.exactMatch(name, q.answers()))
        options.add(name);
    }
    return options.isEmpty() ? "unknown" : options.get(rng.nextInt(options.size()));
  }

  private static ToolExecutionRequest call(String id, String tool, ObjectNode args) {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments(args.toString()).build();
  }
}
