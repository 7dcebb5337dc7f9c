package dev.frugal.testbed.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's reply to a planning request (a JSON response format whose schema name
 * contains {@code plan}): a plausible BATS plan made from the question's words alone, as a model
 * reading the question could make it. It uses nothing the agent could not see (no gold answer, no
 * supporting titles), and it changes nothing about how the simulated agent searches: the profiles
 * declare no planning skill, so a plan here costs its tokens and, through its verification
 * constraints, shapes what the simulated verifier checks, and nothing else. A Plan-and-Budget
 * planning request (schema {@code plan_and_budget}) gets sub-questions instead ({@link
 * #subQuestions}); the simulated agent answers them as it answers any question (its searches follow
 * the original question and what it read, not the sub-question's wording).
 *
 * <ul>
 *   <li>Exploration constraints: the question's named phrases (runs of capitalised words, quoted
 *       titles), at most three; with none, its first content words.
 *   <li>Verification constraints, always two [choice of this simulation]: the answer is the kind of
 *       thing the question asks for, and it fits every named phrase of the question.
 *   <li>Checklist: one search step per exploration constraint, then "open the most promising
 *       results" and "check the best candidate against the verification constraints", all pending
 *       with 0 units used.
 * </ul>
 */
final class QuestionPlan {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]{2,80})\"");
  private static final Pattern NAMED =
      Pattern.compile(
          "\\b(\\p{Lu}[\\p{L}\\p{N}'.-]*(?:\\s+(?:of|the|for|and|de|von|van|in|on|\\d+|\\p{Lu}[\\p{L}\\p{N}'.-]*))*)");
  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "who", "what", "which", "when", "where", "why", "how", "is", "are", "was", "were", "did",
          "does", "do", "in", "the", "a", "an");

  private QuestionPlan() {}

  static String reply(String question) {
    List<String> named = namedPhrases(question);
    List<String> exploration = new ArrayList<>();
    for (String n : named) {
      if (exploration.size() == 3) break;
      exploration.add("find the page about " + n);
    }
    if (exploration.isEmpty()) {
      List<String> words = AgentPolicy.contentWords(question);
      exploration.add(
          "find pages about " + String.join(" ", words.subList(0, Math.min(4, words.size()))));
    }
    String asks = asks(question);
    List<String> verification =
        List.of(
            "the answer is " + asks,
            named.isEmpty()
                ? "the answer fits every clue of the question"
                : "the answer fits every named clue: " + String.join(", ", named));
    ObjectNode out = JSON.createObjectNode();
    exploration.forEach(out.putArray("exploration_constraints")::add);
    verification.forEach(out.putArray("verification_constraints")::add);
    ArrayNode steps = out.putArray("steps");
    int id = 0;
    for (String e : exploration) step(steps, Integer.toString(++id), "search: " + e);
    step(steps, Integer.toString(++id), "open the most promising results");
    step(
        steps,
        Integer.toString(++id),
        "check the best candidate against the verification" + " constraints");
    return out.toString();
  }

  /**
   * The reply to a Plan-and-Budget planning request (schema {@code plan_and_budget}): the
   * question's sub-questions, split on its surface form alone (docs/extras.md, "Plan-and-Budget";
   * the text is all it reads, no answer, type label or supporting title):
   *
   * <ul>
   *   <li>Two named phrases or more, and the question asks to choose ("or") or to compare ("both",
   *       a yes/no question): one sub-question per entity, the first two, then one to compare them;
   *       complexities 2, 2, 1.
   *   <li>Otherwise, with a named phrase (a bridge question): first resolve what the first named
   *       phrase leads to (complexity 3), then answer the question from it (complexity 2).
   *   <li>With no named phrase: the question alone (complexity 3).
   * </ul>
   *
   * With chance {@code decompositionError} the planner misses the split and returns the whole
   * question; each complexity gets Gaussian noise of standard deviation {@code complexityNoise},
   * rounded and kept within 1 to 5. Both are declared in the assumption registry (docs/testbed.md,
   * "The assumption registry").
   */
  static String subQuestions(String question, SimProfile profile, SplittableRandom rng) {
    List<String> named = namedPhrases(question);
    String lower = question.strip().toLowerCase(Locale.ROOT);
    boolean yesNo = lower.matches("^(is|are|was|were|did|does|do|can|could|has|have)\\b.*");
    boolean chooses =
        lower.contains(" or ") || lower.contains(" both ") || lower.contains(" same ") || yesNo;
    List<String> texts = new ArrayList<>();
    List<Integer> complexities = new ArrayList<>();
    boolean missed = rng.nextDouble() < profile.value(SimParameter.DECOMPOSITION_ERROR);
    if (missed || named.isEmpty()) {
      texts.add(question.strip());
      complexities.add(3);
    } else if (named.size() >= 2 && chooses) {
      for (String n : named.subList(0, 2)) {
        texts.add("What does the question need to know about " + n + "?");
        complexities.add(2);
      }
      texts.add("Compare the two to answer: " + question.strip());
      complexities.add(1);
    } else {
      texts.add("What does " + named.get(0) + " lead to, as the question describes it?");
      complexities.add(3);
      texts.add("Using that, answer: " + question.strip());
      complexities.add(2);
    }
    double noise = profile.value(SimParameter.COMPLEXITY_NOISE);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode subs = out.putArray("sub_questions");
    for (int i = 0; i < texts.size(); i++) {
      long c = Math.round(complexities.get(i) + noise * rng.nextGaussian());
      subs.addObject().put("question", texts.get(i)).put("complexity", Math.max(1, Math.min(5, c)));
    }
    return out.toString();
  }

  private static void step(ArrayNode steps, String id, String description) {
    steps
        .addObject()
        .put("id", id)
        .put("description", description)
        .put("state", "pending")
        .put("units_used", 0);
  }

  /** Quoted titles and runs of capitalised words, in order, without the opening question word. */
  static List<String> namedPhrases(String question) {
    List<String> out = new ArrayList<>();
    Matcher q = QUOTED.matcher(question);
    while (q.find()) out.add(q.group(1).strip());
    Matcher m = NAMED.matcher(question);
    while (m.find()) {
      String phrase = m.group(1).strip().replaceAll("[.,]+$", "");
      String[] words = phrase.split("\\s+");
      int from = 0;
      while (from < words.length && QUESTION_WORDS.contains(words[from].toLowerCase(Locale.ROOT))) {
        from++;
      }
      String rest = String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length));
      if (rest.length() > 2 && out.stream().noneMatch(o -> o.contains(rest))) out.add(rest);
    }
    return out;
  }

  /** What the question asks for, from its question word. */
  private static String asks(String question) {
    String lower = question.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("who") || lower.startsWith("whom")) return "a person (or group)";
    if (lower.startsWith("when") || lower.contains("what year")) return "a date or a year";
    if (lower.startsWith("where")) return "a place";
    if (lower.startsWith("how many") || lower.startsWith("how much")) return "a number";
    if (lower.matches("^(is|are|was|were|did|does|do|can|could|has|have)\\b.*")) return "yes or no";
    return "the kind of thing the question asks for";
  }
}
