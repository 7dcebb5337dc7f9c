package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.CRITIQUE_NOISE;
import static dev.frugal.testbed.sim.SimParameter.JUDGE_NOISE;
import static dev.frugal.testbed.sim.SimParameter.OVERCONFIDENCE;
import static dev.frugal.testbed.sim.SimParameter.VERIFY_MISS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's answers to the structured requests of later strategies: verification
 * (BATS), critique (BAVT), judging (BATS answer selection) and summaries (BATS compaction). Every
 * judgement comes from the request alone: what the model understood in it ({@link Comprehension}),
 * the text it holds, its profile and its random stream; never from the gold answer or gold labels.
 *
 * <p>Each judging role reads the request for itself ({@link Comprehension.Role}): its own
 * understanding and misreads, keyed on its own seed, never a replay of the agent's draws.
 *
 * <ul>
 *   <li><b>Verification</b> of the last {@code <answer>X</answer>} in the request. The verifier
 *       forms its own answer from the facts it read ({@link AnswerWriter#stated}, with its own slip
 *       draw). Known from memory: X equal to the remembered answer is {@code satisfied}, else
 *       {@code contradicted}. Holding every needed fact: X equal to its own answer is {@code
 *       satisfied} (with chance {@code verifyMiss} {@code unverifiable}), a different X is {@code
 *       contradicted} (with chance {@code overconfidence} {@code satisfied}). Holding only some: a
 *       misread fact whose candidate differs from X contradicts it; X that occurs in the text of a
 *       fact it holds (or yes/no) is {@code satisfied} with chance {@code overconfidence}, else
 *       {@code unverifiable}. False accepts and false rejects thus come from its own misreads,
 *       slips and the declared rates. Each constraint (the bulleted or numbered lines of the last
 *       user message; one generic constraint when there are none) gets that status. Decision:
 *       SUCCESS when all satisfied, PIVOT when any contradicted or the tracker block in its request
 *       shows a LOW or CRITICAL budget (too low to dig), else CONTINUE.
 *   <li><b>Critique</b> {@code {"score": x}}, x in [-1, 1], of the newest tool result: +0.6 per
 *       fact the critic newly read in it, +0.2 when it showed a new title that shares words with
 *       the question, -0.5 when the call was refused, -0.2 when it brought nothing new; capped to
 *       [-1, 1], plus Gaussian noise of {@code critiqueNoise}; with chance {@code overconfidence} a
 *       setback is reported as small progress.
 *   <li><b>Judge</b> {@code {"choice": n}} over candidates listed as {@code N. text} in the last
 *       user message: each candidate scores from the notes the request gives about it (+2 per
 *       SUCCESS verdict, +1 per other verdict with every constraint satisfied, -1 per contradicted
 *       one, -0.5 when the note says it was forced) plus 0.5 per time it was proposed, plus
 *       Gaussian noise of {@code judgeNoise}; the best wins; never a "None" candidate when another
 *       exists.
 *   <li><b>Summary</b> (and the verifier's {@code useful_information}): the facts the summariser
 *       itself read (understood or misread), each as its title and its paragraph's text, each left
 *       out with chance {@code summaryLoss}. Text carried into a later request is text in that
 *       request: the next reader reads it again, with its own draws.
 * </ul>
 */
final class SelfAssessment {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSWER = Pattern.compile("(?is)<answer>(.*?)</answer>");
  private static final Pattern BULLET = Pattern.compile("(?m)^\\s*(?:[-*]|\\d+[.)])\\s+(.+)$");
  private static final Pattern CANDIDATE =
      Pattern.compile("(?m)^\\s*(?:\\[(\\d+)\\]|(\\d+)[.):])\\s+(.+?)\\s*$");
  private static final Pattern PROPOSED =
      Pattern.compile("(?m)^Answer \"(.*)\" \\((attempt[^)]*)\\): (.*)$");
  private static final Pattern VERDICT =
      Pattern.compile(
          "^(SUCCESS|CONTINUE|PIVOT) \\((\\d+)/(\\d+) satisfied(?:, (\\d+) contradicted)?\\)");

  private final SimProfile profile;
  private final SimWorld world;
  private final Comprehension comprehension;
  private final AnswerWriter writer;

  SelfAssessment(
      SimProfile profile, SimWorld world, Comprehension comprehension, AnswerWriter writer) {
    this.profile = profile;
    this.world = world;
    this.comprehension = comprehension;
    this.writer = writer;
  }

  AiMessage verify(Transcript t, List<ChatMessage> messages, SplittableRandom rng) {
    String proposed = lastAnswer(messages).orElse("");
    boolean none = proposed.isBlank() || proposed.equalsIgnoreCase("none");
    String truth;
    if (none) {
      truth = "unverifiable";
    } else if (t.memory.isPresent() && !t.complete()) {
      truth = same(proposed, t.memory.get()) ? "satisfied" : "contradicted";
    } else if (t.complete()) {
      if (same(proposed, writer.stated(t))) {
        truth = rng.nextDouble() < profile.value(VERIFY_MISS) ? "unverifiable" : "satisfied";
      } else {
        truth = rng.nextDouble() < profile.value(OVERCONFIDENCE) ? "satisfied" : "contradicted";
      }
    } else {
      String lower = proposed.toLowerCase(Locale.ROOT);
      boolean contradicted = false;
      boolean occurs =
          proposed.matches("(?i)yes|no") || t.toolText().toLowerCase(Locale.ROOT).contains(lower);
      for (Comprehension.Fact f : t.understanding.facts()) {
        if (f.misread() && !same(proposed, f.wrongSpan())) contradicted = true;
        if ((f.title() + " " + f.text()).toLowerCase(Locale.ROOT).contains(lower)) occurs = true;
      }
      if (contradicted) truth = "contradicted";
      else {
        truth =
            occurs && rng.nextDouble() < profile.value(OVERCONFIDENCE)
                ? "satisfied"
                : "unverifiable";
      }
    }
    List<String> constraints = new ArrayList<>();
    Matcher m = BULLET.matcher(t.lastUserText);
    while (m.find()) constraints.add(m.group(1).strip());
    if (constraints.isEmpty()) constraints.add("the answer is supported by the evidence");

    ObjectNode out = JSON.createObjectNode();
    ArrayNode checks = out.putArray("verification");
    for (String c : constraints) checks.addObject().put("constraint", c).put("status", truth);
    boolean lowBudget =
        t.regime()
            .map(r -> r == BudgetStatus.Regime.LOW || r == BudgetStatus.Regime.CRITICAL)
            .orElse(false);
    String decision =
        truth.equals("satisfied")
            ? "SUCCESS"
            : truth.equals("contradicted") || lowBudget ? "PIVOT" : "CONTINUE";
    out.put("decision", decision);
    out.put(
        "justification",
        "Simulated verification of \""
            + proposed
            + "\": "
            + checks.size()
            + " constraint(s) checked.");
    out.put("trajectory_summary", summary(t));
    out.put(
        "failure_analysis",
        decision.equals("SUCCESS") ? "" : "Some facts are still missing or do not fit.");
    out.put("useful_information", evidence(t));
    out.put(
        "recommendations",
        decision.equals("SUCCESS") ? "" : "Search for the missing fact with different words.");
    return AiMessage.from(out.toString());
  }

  private static boolean same(String a, String b) {
    return AnswerMetrics.normalize(a).equals(AnswerMetrics.normalize(b));
  }

  AiMessage summarise(Transcript t) {
    ObjectNode out = JSON.createObjectNode();
    out.put("trajectory_summary", summary(t));
    out.put("useful_information", evidence(t));
    out.put(
        "recommendations",
        t.complete() ? "Answer from the facts found." : "Search for the missing facts.");
    return AiMessage.from(out.toString());
  }

  AiMessage critique(List<ChatMessage> messages, SplittableRandom rng) {
    int last = -1;
    for (int i = messages.size() - 1; i >= 0 && last < 0; i--) {
      if (messages.get(i) instanceof ToolExecutionResultMessage) last = i;
    }
    double delta;
    if (last < 0) {
      delta = 0;
    } else {
      Comprehension.Role critic = Comprehension.Role.CRITIC;
      Transcript before = Transcript.read(messages.subList(0, last), world, comprehension, critic);
      Transcript after =
          Transcript.read(messages.subList(0, last + 1), world, comprehension, critic);
      ToolExecutionResultMessage r = (ToolExecutionResultMessage) messages.get(last);
      int newFacts = after.newInLastResult;
      List<String> words = AgentPolicy.contentWords(after.question.text());
      boolean newTitle =
          after.seen.keySet().stream()
              .anyMatch(
                  s ->
                      !before.seen.containsKey(s)
                          && words.stream()
                              .anyMatch(
                                  w ->
                                      s.toLowerCase(Locale.ROOT)
                                          .contains(w.toLowerCase(Locale.ROOT))));
      boolean refused =
          after.refused.contains(r.toolName()) && !before.refused.contains(r.toolName());
      if (refused) delta = -0.5;
      else if (newFacts > 0 || newTitle) delta = Math.min(1, 0.6 * newFacts + (newTitle ? 0.2 : 0));
      else delta = -0.2;
    }
    double score = delta + rng.nextGaussian() * profile.value(CRITIQUE_NOISE);
    if (delta <= 0 && rng.nextDouble() < profile.value(OVERCONFIDENCE)) {
      score = Math.abs(score) + 0.1;
    }
    score = Math.max(-1, Math.min(1, score));
    ObjectNode out = JSON.createObjectNode();
    out.put("score", Math.round(score * 100) / 100.0);
    return AiMessage.from(out.toString());
  }

  AiMessage judge(Transcript t, List<ChatMessage> messages, SplittableRandom rng) {
    List<Integer> numbers = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    Matcher m = CANDIDATE.matcher(t.lastUserText);
    while (m.find()) {
      numbers.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
      texts.add(m.group(3).replaceAll("(?is)</?answer>", "").strip());
    }
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException(
          "judge request lists no candidates; the simulated model reads candidates from the last"
              + " user message as lines like '1. answer', '1) answer', '[1] answer' or '1: answer'");
    }
    Map<String, Double> noted = new LinkedHashMap<>();
    Matcher n = PROPOSED.matcher(userText(messages));
    while (n.find()) {
      String key = AnswerMetrics.normalize(n.group(1));
      double s = n.group(2).contains("forced") ? 0 : 0.5;
      Matcher v = VERDICT.matcher(n.group(3));
      if (v.find()) {
        if (v.group(1).equals("SUCCESS")) s += 2;
        else if (v.group(2).equals(v.group(3))) s += 1;
        if (v.group(4) != null && Integer.parseInt(v.group(4)) > 0) s -= 1;
      }
      noted.merge(key, s, Double::sum);
    }
    int pick = -1;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < texts.size(); i++) {
      double noise = rng.nextGaussian() * profile.value(JUDGE_NOISE);
      if (texts.get(i).equalsIgnoreCase("none")) continue;
      double s = noted.getOrDefault(AnswerMetrics.normalize(texts.get(i)), 0.0) + noise;
      if (s > best) {
        best = s;
        pick = i;
      }
    }
    if (pick < 0) pick = 0;
    ObjectNode out = JSON.createObjectNode();
    out.put("choice", numbers.get(pick));
    return AiMessage.from(out.toString());
  }

  /** The text of every user message: the judge's notes come in one of them. */
  private static String userText(List<ChatMessage> messages) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      if (m instanceof UserMessage) sb.append(Transcript.textOf(m)).append('\n');
    }
    return sb.toString();
  }

  private static Optional<String> lastAnswer(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage msg = messages.get(i);
      if (msg instanceof UserMessage || msg instanceof AiMessage) {
        Matcher m = ANSWER.matcher(Transcript.textOf(msg));
        String found = null;
        while (m.find()) found = m.group(1).strip();
        if (found != null) return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static String summary(Transcript t) {
    return "Searched "
        + t.queries.size()
        + " distinct queries, saw "
        + t.seen.size()
        + " titles, opened "
        + t.opened.size()
        + (t.opened.isEmpty() ? "." : ": " + String.join("; ", t.opened) + ".");
  }

  /**
   * The facts the reading role holds (understood or misread), each as its title and its paragraph's
   * text, each left out with chance {@code summaryLoss}: what the summariser understood, not what
   * the agent did, and never chosen by looking at any answer text.
   */
  private String evidence(Transcript t) {
    double loss = profile.value(SimParameter.SUMMARY_LOSS);
    StringBuilder sb = new StringBuilder();
    for (Comprehension.Fact f : t.understanding.facts()) {
      double u =
          Seeds.uniform(
              t.seed, profile.modelName(), t.role, t.question.id(), "carry", f.title(), t.evidence);
      if (u < loss) continue;
      if (sb.length() > 0) sb.append('\n');
      sb.append(f.title()).append(": ").append(f.text());
    }
    return sb.toString();
  }
}
