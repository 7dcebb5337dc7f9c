package dev.frugal.testbed.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's reply to a planning request (a JSON response format whose schema name
 * contains {@code plan}): a plausible BATS plan made from the question's words alone, as a model
 * reading the question could make it. It uses nothing the agent could not see (no gold answer, no
 * supporting titles), and it changes nothing about how the simulated agent searches: the profiles
 * declare no planning skill, so a plan here costs its tokens and, through its verification
 * constraints, shapes what the simulated verifier checks, and nothing else.
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
