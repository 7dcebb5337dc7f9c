package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.AnswerVote;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Picks the final answer among the candidates, as an {@link AnswerSelection} says. */
final class FinalSelection {
  static final String JUDGE_SCHEMA = "judge";

  /** How the judge's list marks an answer forced when the budget or the steps ran out. */
  static final String FORCED_MARK = "(forced: guessed when the budget ran out, not found)";

  private static final String JUDGE_SYSTEM = Prompts.load("bats-judge-system-v1");
  private static final String JUDGE_REQUEST = Prompts.load("bats-judge-request-v1");

  /**
   * The candidates that compete (docs/bats.md, "Final selection"), by three rules:
   *
   * <ol>
   *   <li>An unforced SUCCESS is never displaced by a forced candidate nor by a candidate from an
   *       attempt started after it: when there is one, the pool is the earliest unforced SUCCESS
   *       and the candidates that give the same answer (they can only confirm it).
   *   <li>When every verified candidate was forced, the unforced unverified candidates join them: a
   *       guess forced when the budget ran out is no better evidence than an answer an attempt
   *       proposed on its own.
   *   <li>With nothing verified, every candidate competes.
   * </ol>
   */
  static List<Candidate> pool(List<Candidate> all) {
    Optional<Candidate> found = all.stream().filter(c -> c.verified() && !c.forced()).findFirst();
    if (found.isPresent()) {
      String key = AnswerVote.key(found.get().answer());
      return all.stream()
          .filter(c -> c == found.get() || AnswerVote.key(c.answer()).equals(key))
          .sorted((a, b) -> a == found.get() ? -1 : b == found.get() ? 1 : 0)
          .toList();
    }
    List<Candidate> verified = all.stream().filter(Candidate::verified).toList();
    if (verified.isEmpty()) return all;
    return all.stream().filter(c -> c.verified() || !c.forced()).toList();
  }

  /** The first-seen candidate of each group of equivalent answers, in order. */
  static List<Candidate> distinct(List<Candidate> pool) {
    Map<String, Candidate> first = new LinkedHashMap<>();
    for (Candidate c : pool) first.putIfAbsent(AnswerVote.key(c.answer()), c);
    return List.copyOf(first.values());
  }

  Optional<Candidate> select(RunContext ctx, AnswerSelection how, List<Candidate> all) {
    List<Candidate> pool = pool(all);
    List<Candidate> distinct = distinct(pool);
    if (distinct.isEmpty()) {
      ctx.note("select", "no candidate answer to select from");
      return Optional.empty();
    }
    if (distinct.size() == 1) {
      ctx.note("select", "one distinct candidate: " + distinct.get(0).answer());
      return Optional.of(distinct.get(0));
    }
    if (how instanceof AnswerSelection.BestOfMajority bom) {
      Candidate c = bestOfMajority(pool, bom.alpha());
      ctx.note("select", "best-of-majority (alpha " + bom.alpha() + ") picked " + c.answer());
      return Optional.of(c);
    }
    Optional<Candidate> judged = judge(ctx, pool, distinct);
    if (judged.isPresent()) return judged;
    Candidate c = bestOfMajority(pool, 0.1);
    ctx.note("judge", "no usable judge reply; best-of-majority (alpha 0.1) picked " + c.answer());
    return Optional.of(c);
  }

  /**
   * Frequency-gated Best-of-Majority over a non-empty pool: groups with share >= alpha, best score,
   * then most frequent, then first proposed.
   */
  static Candidate bestOfMajority(List<Candidate> pool, double alpha) {
    if (pool.isEmpty()) throw new IllegalArgumentException("the pool of candidates is empty");
    Map<String, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate c : pool) {
      groups.computeIfAbsent(AnswerVote.key(c.answer()), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> best = null;
    double bestScore = -1;
    for (List<Candidate> g : groups.values()) {
      if ((double) g.size() / pool.size() < alpha) continue;
      double score = g.stream().mapToDouble(Candidate::score).max().orElse(0);
      if (best == null || score > bestScore || (score == bestScore && g.size() > best.size())) {
        best = g;
        bestScore = score;
      }
    }
    if (best == null) {
      // no group passes the gate (alpha above every share): fall back to the most frequent
      for (List<Candidate> g : groups.values())
        if (best == null || g.size() > best.size()) best = g;
    }
    return best.get(0);
  }

  private Optional<Candidate> judge(
      RunContext ctx, List<Candidate> pool, List<Candidate> distinct) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < distinct.size(); i++) {
      Candidate c = distinct.get(i);
      String answer = c.answer().replaceAll("\\s+", " ").strip();
      list.append(i + 1).append(". ").append(answer);
      if (c.forced()) list.append(" ").append(FORCED_MARK);
      list.append('\n');
    }
    StringBuilder notes = new StringBuilder("Notes from the checks of the proposed answers:\n");
    for (Candidate c : pool) {
      notes
          .append("Answer \"")
          .append(c.answer())
          .append("\" (attempt ")
          .append(c.attempt())
          .append(c.forced() ? ", forced when the budget ran out" : "")
          .append("): ")
          .append(c.verification().map(Verification::describe).orElse("not verified"))
          .append('\n');
    }
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(JUDGE_SYSTEM));
    msgs.add(UserMessage.from("Question: " + ctx.question()));
    msgs.add(UserMessage.from(notes.toString().strip()));
    msgs.add(
        UserMessage.from(
            Prompts.fill(JUDGE_REQUEST, Map.of("candidates", list.toString().stripTrailing()))));
    int n = distinct.size();
    Optional<Integer> choice =
        StructuredCall.ask(ctx, "judge", msgs, schema(), 0.0, reply -> parseChoice(reply, n), 1);
    if (choice.isEmpty()) return Optional.empty();
    Candidate c = distinct.get(choice.get() - 1);
    ctx.note(
        "judge", "picked " + choice.get() + " of " + n + ": " + c.answer() + " (temperature 0)");
    return Optional.of(c);
  }

  /** The 1-based choice in a judge reply, which must be on the list of {@code n}. */
  static int parseChoice(String reply, int n) throws MalformedReply {
    JsonNode o = JsonReplies.object(reply);
    JsonNode c = o.get("choice");
    if (c == null
        || !(c.isIntegralNumber() || c.isTextual() && c.asText().strip().matches("\\d+"))) {
      throw new MalformedReply(
          "the judge reply has no integer 'choice': " + JsonReplies.excerpt(reply));
    }
    int k = c.isIntegralNumber() ? c.asInt() : Integer.parseInt(c.asText().strip());
    if (k < 1 || k > n) {
      throw new MalformedReply(
          String.format(Locale.ROOT, "the judge chose %d, but the candidates are 1 to %d", k, n));
    }
    return k;
  }

  static JsonSchema schema() {
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addIntegerProperty("choice", "the number of the chosen candidate")
            .addStringProperty("reason")
            .required("choice", "reason")
            .build();
    return JsonSchema.builder().name(JUDGE_SCHEMA).rootElement(root).build();
  }
}
