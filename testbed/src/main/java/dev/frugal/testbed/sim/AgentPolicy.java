package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.OPEN_NOISE;
import static dev.frugal.testbed.sim.SimParameter.PATIENCE;
import static dev.frugal.testbed.sim.SimParameter.PATIENCE_LOW_BUDGET;
import static dev.frugal.testbed.sim.SimParameter.PREMATURE_ANSWER;
import static dev.frugal.testbed.sim.SimParameter.QUERIES_PER_CALL;
import static dev.frugal.testbed.sim.SimParameter.QUERY_FOCUS;
import static dev.frugal.testbed.sim.SimParameter.TRACKER_ADHERENCE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.testbed.sim.BudgetStatus.Regime;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How the simulated agent acts at one ReAct step, from what it read ({@link Transcript}) and the
 * tools offered; never from gold data. In order:
 *
 * <ol>
 *   <li>Every needed fact understood: answer with the span found in the context ({@link
 *       AnswerWriter}).
 *   <li>No usable tool left: answer with the best candidate from the context.
 *   <li>After {@code patience} tool results in a row without a newly understood fact ({@code
 *       patienceLowBudget} when the prompt shows a LOW or CRITICAL budget), give up and answer with
 *       a candidate; with some facts understood, answer early with chance {@code prematureAnswer}
 *       per step. This is the stop rule: evidence and confidence, no flat hazard.
 *   <li>A phrase earned from understood text (a named phrase it has not searched yet): search it (a
 *       bridge entity can be searched only once the text naming it was understood).
 *   <li>A shown result whose title and snippet overlap what it looks for (the question's words and
 *       the earned phrases, plus Gaussian noise of {@code openNoise}) and is not opened yet: open
 *       the best ones.
 *   <li>Otherwise search with the question's own words: its named phrases first (with chance {@code
 *       queryFocus}), else a mix of its content words.
 * </ol>
 *
 * <p>Queries and opens come from everything read: the facts the reader holds, understood or misread
 * (a misread distractor yields wrong follow-up queries). A question known from memory ({@code
 * memoryRecall}) is answered before any search.
 *
 * <p>Batching: without a budget shown, 1 to {@code queriesPerCall} queries per search and one id
 * per open. With the tracker, per call with chance {@code trackerAdherence} the numbers its prompt
 * advises for the regime it shows (read from the prompt sent, see {@link TrackerPrompt}), else as
 * without a budget; never more than the units shown as left.
 */
final class AgentPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "was", "were", "are", "which", "what", "who", "whom", "whose",
          "when", "where", "how", "did", "does", "that", "this", "with", "from", "than", "into",
          "has", "had", "have", "its", "his", "her", "their", "also", "both", "same", "many",
          "much", "more", "most", "first", "born", "name", "known");

  // a date is an answer, not an entity to search the next hop by
  private static final java.util.regex.Pattern DATE_LIKE =
      java.util.regex.Pattern.compile(
          "^(January|February|March|April|May|June|July|August|September|October|November|December)\\b|^\\d");

  private final SimProfile profile;
  private final AnswerWriter writer;

  AgentPolicy(SimProfile profile, AnswerWriter writer) {
    this.profile = profile;
    this.writer = writer;
  }

  /** The step's reply: tool calls, or an answer. */
  AiMessage act(
      Transcript t,
      boolean searchOffered,
      boolean openOffered,
      SplittableRandom rng,
      String callId) {
    if (t.complete()) return answer(writer.stated(t));
    // known from memory: answered at once, before any search (R1, CALIBRATION anchors in
    // docs/testbed.md: real agents answer part of HotpotQA without searching)
    if (t.toolResults == 0 && t.memory.isPresent()) return answer(t.memory.get());
    boolean canSearch = searchOffered && usable(t, SearchTool.NAME);
    boolean canOpen = openOffered && usable(t, OpenTool.NAME);
    if (!canSearch && !canOpen) return answer(writer.candidate(t));
    if (t.toolResults > 0 && t.stale >= patience(t)) return answer(writer.candidate(t));
    if (!t.understanding.understood().isEmpty()
        && rng.nextDouble() < profile.value(PREMATURE_ANSWER)) {
      return answer(writer.candidate(t));
    }
    List<String> phrases = earnedPhrases(t);
    List<String> toOpen = canOpen ? promising(t, phrases, rng) : List.of();
    boolean earnedShown = !toOpen.isEmpty() && namesAny(toOpen.get(0), phrases);
    List<String> earned = unsearched(t, phrases);
    if (canSearch && !earned.isEmpty() && !earnedShown) return search(t, earned, rng, callId);
    if (!toOpen.isEmpty()) return open(t, toOpen, rng, callId);
    if (canSearch) return search(t, List.of(), rng, callId);
    return answer(writer.candidate(t));
  }

  /** The forced final answer: no tools offered. */
  AiMessage finalAnswer(Transcript t) {
    if (t.complete()) return answer(writer.stated(t));
    return answer(t.memory.orElseGet(() -> writer.candidate(t)));
  }

  private int patience(Transcript t) {
    Optional<Regime> regime = t.regime();
    boolean low = regime.map(r -> r == Regime.LOW || r == Regime.CRITICAL).orElse(false);
    return (int) profile.value(low ? PATIENCE_LOW_BUDGET : PATIENCE);
  }

  private static boolean usable(Transcript t, String tool) {
    return !t.refused.contains(tool) && t.remaining(tool).map(n -> n > 0).orElse(true);
  }

  /**
   * Named phrases of the understood paragraphs that the question does not already name, in the
   * order they are written: the entities a next hop can be searched by.
   */
  static List<String> earnedPhrases(Transcript t) {
    String q = t.question.text().toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String text : t.understanding.understoodText()) {
      int nl = text.indexOf('\n');
      String title = nl < 0 ? "" : text.substring(0, nl).replaceAll("\\s*\\(.*\\)$", "");
      for (String named : QuestionPlan.namedPhrases(nl < 0 ? text : text.substring(nl + 1))) {
        // a phrase ends at a sentence break ("WINNER. It" is "WINNER")
        String phrase =
            named
                .split("\\.\\s+")[0]
                .replaceAll("[.,;:]+$", "")
                .replaceAll("(\\s+(of|the|for|and|de|von|van|in|on))+$", "")
                .strip();
        String lower = phrase.toLowerCase(Locale.ROOT);
        if (q.contains(lower) || lower.equals(title.toLowerCase(Locale.ROOT))) continue;
        if (phrase.length() < 4
            || DATE_LIKE.matcher(phrase).find()
            || !out.stream().noneMatch(o -> o.equalsIgnoreCase(phrase))) {
          continue;
        }
        out.add(phrase);
      }
    }
    // names of several words first (a person, a work, a place), then single words, each in order
    List<String> ranked = new ArrayList<>();
    for (String p : out) if (p.contains(" ")) ranked.add(p);
    for (String p : out) if (!p.contains(" ")) ranked.add(p);
    return ranked;
  }

  /** Of {@code phrases}, those no earlier query started with, at most the first three. */
  private static List<String> unsearched(Transcript t, List<String> phrases) {
    List<String> out = new ArrayList<>();
    for (String p : phrases.subList(0, Math.min(3, phrases.size()))) {
      String lower = p.toLowerCase(Locale.ROOT);
      if (t.queries.stream().noneMatch(q -> q.startsWith(lower))) out.add(p);
    }
    return out;
  }

  /**
   * Shown results not opened yet whose title and snippet share words with what the agent looks for,
   * best first by overlap plus noise.
   */
  private List<String> promising(Transcript t, List<String> phrases, SplittableRandom rng) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String w : contentWords(t.question.text())) wanted.add(w.toLowerCase(Locale.ROOT));
    for (String p : phrases) {
      for (String w : contentWords(p)) wanted.add(w.toLowerCase(Locale.ROOT));
    }
    Map<String, Double> score = new HashMap<>();
    for (String title : t.seen.keySet()) {
      if (t.opened.contains(title)) continue;
      String shown = (title + " " + t.snippets.getOrDefault(title, "")).toLowerCase(Locale.ROOT);
      int titleHits = 0;
      int snippetHits = 0;
      for (String w : wanted) {
        if (title.toLowerCase(Locale.ROOT).contains(w)) titleHits++;
        else if (shown.contains(w)) snippetHits++;
      }
      double s = titleHits * 1.0 + snippetHits * 0.5;
      if (s <= 0) continue;
      score.put(title, s + rng.nextGaussian() * profile.value(OPEN_NOISE));
    }
    List<String> out = new ArrayList<>(score.keySet());
    out.sort(Comparator.comparingDouble((String k) -> -score.get(k)));
    return out;
  }

  /** Whether {@code title} names one of the earned {@code phrases}. */
  private static boolean namesAny(String title, List<String> phrases) {
    String lower = title.toLowerCase(Locale.ROOT);
    return phrases.stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT)));
  }

  private AiMessage open(Transcript t, List<String> ranked, SplittableRandom rng, String id) {
    int n = cap(t, OpenTool.NAME, batch(t, rng, 1, true));
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < n && i < ranked.size(); i++) ids.add(t.seen.get(ranked.get(i)));
    ObjectNode args = JSON.createObjectNode();
    ids.forEach(args.putArray(OpenTool.PARAM)::add);
    return AiMessage.from(call(id, OpenTool.NAME, args));
  }

  private AiMessage search(Transcript t, List<String> earned, SplittableRandom rng, String id) {
    int max = (int) profile.value(QUERIES_PER_CALL);
    int n = cap(t, SearchTool.NAME, batch(t, rng, max, false));
    List<String> words = contentWords(t.question.text());
    List<String> named = QuestionPlan.namedPhrases(t.question.text());
    Set<String> queries = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      String query = null;
      for (int attempt = 0; attempt < 4; attempt++) {
        query = query(rng, earned, named, i + attempt, words);
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
      SplittableRandom rng, List<String> earned, List<String> named, int i, List<String> words) {
    boolean focus = rng.nextDouble() < profile.value(QUERY_FOCUS);
    if (!earned.isEmpty()) {
      String phrase =
          focus ? earned.get(i % earned.size()) : earned.get(rng.nextInt(earned.size()));
      return phrase + " " + String.join(" ", pick(words, focus ? 1 : 2, rng, phrase));
    }
    if (focus && !named.isEmpty()) {
      String phrase = named.get(i % named.size());
      return phrase + " " + String.join(" ", pick(words, 1 + (i / named.size()), rng, phrase));
    }
    return String.join(" ", pick(words, 3 + rng.nextInt(3), rng, ""));
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
    if (out.isEmpty() && !words.isEmpty() && exclude.isEmpty()) out.add(words.get(0));
    return out;
  }

  // compiled once: String.split / replaceAll would compile these on every call (the hottest spot
  // of a zero-latency bench, docs/testbed.md "Throughput")
  private static final java.util.regex.Pattern NON_WORD =
      java.util.regex.Pattern.compile("[^\\p{L}\\p{N}'-]+");
  private static final java.util.regex.Pattern EDGE_MARKS =
      java.util.regex.Pattern.compile("^['-]+|['-]+$");

  // the same few texts (a question, its named phrases) are split on every request of every role:
  // keep their words; bounded, cleared when full (the words of a text never change)
  private static final java.util.Map<String, List<String>> WORDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The content words of {@code text} in order (unmodifiable). */
  static List<String> contentWords(String text) {
    List<String> known = WORDS.get(text);
    if (known != null) return known;
    List<String> words = List.copyOf(splitWords(text));
    if (WORDS.size() >= 8192) WORDS.clear();
    WORDS.put(text, words);
    return words;
  }

  private static List<String> splitWords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(text)) {
      String s = EDGE_MARKS.matcher(w).replaceAll("");
      if (s.length() > 2 && !STOP_WORDS.contains(s.toLowerCase(Locale.ROOT))) out.add(s);
    }
    return out;
  }

  /**
   * How many elements to send: without a budget shown 1..max queries or 1 id; with the tracker, the
   * range its prompt advises for the regime shown.
   */
  private int batch(Transcript t, SplittableRandom rng, int max, boolean opens) {
    Optional<Regime> regime = t.regime();
    if (regime.isEmpty()) return opens ? 1 : 1 + rng.nextInt(max);
    // the tracker's effect is a fitted parameter, not literal obedience (docs/testbed.md,
    // "The tracker's effect")
    if (rng.nextDouble() >= profile.value(TRACKER_ADHERENCE)) {
      return opens ? 1 : 1 + rng.nextInt(max);
    }
    int[] a = t.prompt.map(p -> p.adviceFor(regime.get())).orElse(new int[] {1, 1, 1, 1});
    int lo = opens ? a[2] : a[0];
    int hi = Math.max(lo, opens ? a[3] : a[1]);
    return Math.max(1, lo + rng.nextInt(hi - lo + 1));
  }

  private static int cap(Transcript t, String tool, int n) {
    return (int) Math.max(1, Math.min(n, t.remaining(tool).orElse((long) n)));
  }

  private static AiMessage answer(String a) {
    return AiMessage.from("<answer>" + a + "</answer>");
  }

  private static ToolExecutionRequest call(String id, String tool, ObjectNode args) {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments(args.toString()).build();
  }
}
