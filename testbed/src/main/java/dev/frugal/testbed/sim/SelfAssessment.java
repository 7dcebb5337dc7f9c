package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.CRITIQUE_NOISE;
import static dev.frugal.testbed.sim.SimParameter.JUDGE_SKILL;
import static dev.frugal.testbed.sim.SimParameter.OVERCONFIDENCE;
import static dev.frugal.testbed.sim.SimParameter.VERIFY_NOISE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's answers to the structured requests of later strategies: verification
 * (BATS), critique (BAVT) and judging (BATS answer selection). The simulation knows the truth and
 * reports it through the profile's noise and bias, so a strategy that trusts a noisy verifier pays
 * for it as it would with a real model.
 *
 * <ul>
 *   <li><b>Verification</b> of the last {@code <answer>X</answer>} in the conversation. The
 *       constraints are the bulleted ({@code - }, {@code * }) or numbered lines of the last user
 *       message; with none, one constraint "the answer is supported by the evidence". True status
 *       of each: {@code satisfied} when the answer is gold and every supporting fact is picked up,
 *       {@code contradicted} when it is wrong though every fact is known, else {@code
 *       unverifiable}. With probability {@code overconfidence} an unsupported answer is reported
 *       all satisfied; then each status is replaced by a different one with probability {@code
 *       verifyNoise}. Decision: SUCCESS when all satisfied, PIVOT when any contradicted or the
 *       shown budget is LOW or CRITICAL, else CONTINUE.
 *   <li><b>Critique</b> {@code {"score": x}}, x in [-1, 1]: the progress of the newest tool result
 *       [choice of this simulation]: +0.6 per supporting fact it let the agent pick up, +0.3 when
 *       it surfaced a supporting title not seen before, -0.5 when the call was refused, -0.2 when
 *       it brought nothing new; capped to [-1, 1], plus Gaussian noise of standard deviation {@code
 *       critiqueNoise}; with probability {@code overconfidence} a setback is reported as small
 *       progress.
 *   <li><b>Judge</b> {@code {"choice": n}} over candidates listed as {@code N. text}, {@code N)
 *       text}, {@code [N] text} or {@code N: text} in the last user message; n is the number as
 *       listed. Picks a gold candidate with probability {@code judgeSkill} when there is one, else
 *       another candidate; never a "None" candidate when another exists.
 *   <li><b>Summary</b> (BATS compaction) {@code {"trajectory_summary", "useful_information",
 *       "recommendations"}}: the same counts and quoted evidence a verification reports, no
 *       decision.
 * </ul>
 */
final class SelfAssessment {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSWER = Pattern.compile("(?is)<answer>(.*?)</answer>");
  private static final Pattern BULLET = Pattern.compile("(?m)^\\s*(?:[-*]|\\d+[.)])\\s+(.+)$");
  private static final Pattern CANDIDATE =
      Pattern.compile("(?m)^\\s*(?:\\[(\\d+)\\]|(\\d+)[.):])\\s+(.+?)\\s*$");
  private static final String[] STATUSES = {"satisfied", "contradicted", "unverifiable"};

  private final SimProfile profile;
  private final SimWorld world;
  private final long seed;

  SelfAssessment(SimProfile profile, SimWorld world, long seed) {
    this.profile = profile;
    this.world = world;
    this.seed = seed;
  }

  AiMessage verify(Transcript t, List<ChatMessage> messages, SplittableRandom rng) {
    Question q = t.question;
    String proposed = lastAnswer(messages).orElse("");
    boolean gold = !proposed.isBlank() && AnswerMetrics.exactMatch(proposed, q.answers());
    boolean supported = t.hasAllFacts();
    String truth = gold && supported ? "satisfied" : supported ? "contradicted" : "unverifiable";
    boolean overconfident = !supported && rng.nextDouble() < profile.value(OVERCONFIDENCE);
    List<String> constraints = new ArrayList<>();
    Matcher m = BULLET.matcher(t.lastUserText);
    while (m.find()) constraints.add(m.group(1).strip());
    if (constraints.isEmpty()) constraints.add("the answer is supported by the evidence");

    ObjectNode out = JSON.createObjectNode();
    ArrayNode checks = out.putArray("verification");
    boolean allSatisfied = true;
    boolean anyContradicted = false;
    for (String c : constraints) {
      String status = overconfident ? "satisfied" : truth;
      if (rng.nextDouble() < profile.value(VERIFY_NOISE)) {
        String other;
        do {
          other = STATUSES[rng.nextInt(STATUSES.length)];
        } while (other.equals(status));
        status = other;
      }
      allSatisfied &= status.equals("satisfied");
      anyContradicted |= status.equals("contradicted");
      checks.addObject().put("constraint", c).put("status", status);
    }
    boolean lowBudget =
        t.regime()
            .map(r -> r == BudgetStatus.Regime.LOW || r == BudgetStatus.Regime.CRITICAL)
            .orElse(false);
    String decision =
        allSatisfied ? "SUCCESS" : anyContradicted || lowBudget ? "PIVOT" : "CONTINUE";
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

  AiMessage summarise(Transcript t) {
    ObjectNode out = JSON.createObjectNode();
    out.put("trajectory_summary", summary(t));
    out.put("useful_information", evidence(t));
    out.put(
        "recommendations",
        t.hasAllFacts() ? "Answer from the facts found." : "Search for the missing facts.");
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
      Transcript before = Transcript.read(messages.subList(0, last), world, seed, profile);
      Transcript after = Transcript.read(messages.subList(0, last + 1), world, seed, profile);
      ToolExecutionResultMessage r = (ToolExecutionResultMessage) messages.get(last);
      int newFacts = after.pickedUp.size() - before.pickedUp.size();
      boolean newTitle =
          after.question.supportingTitles().stream()
              .anyMatch(s -> after.seen.containsKey(s) && !before.seen.containsKey(s));
      boolean refused =
          after.refused.contains(r.toolName()) && !before.refused.contains(r.toolName());
      if (refused) delta = -0.5;
      else if (newFacts > 0 || newTitle) delta = Math.min(1, 0.6 * newFacts + (newTitle ? 0.3 : 0));
      else delta = -0.2;
    }
    double score = delta + rng.nextGaussian() * profile.value(CRITIQUE_NOISE);
    if (delta <= 0 && rng.nextDouble() < profile.value(OVERCONFIDENCE))
      score = Math.abs(score) + 0.1;
    score = Math.max(-1, Math.min(1, score));
    ObjectNode out = JSON.createObjectNode();
    out.put("score", Math.round(score * 100) / 100.0);
    return AiMessage.from(out.toString());
  }

  AiMessage judge(Transcript t, SplittableRandom rng) {
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
    List<Integer> gold = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (AnswerMetrics.exactMatch(texts.get(i), t.question.answers())) gold.add(i);
      else if (!texts.get(i).equalsIgnoreCase("none")) others.add(i);
    }
    int pick;
    if (!gold.isEmpty() && (others.isEmpty() || rng.nextDouble() < profile.value(JUDGE_SKILL))) {
      pick = gold.get(0);
    } else if (!others.isEmpty()) {
      pick = others.get(rng.nextInt(others.size()));
    } else {
      pick = 0;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("choice", numbers.get(pick));
    return AiMessage.from(out.toString());
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

  /** The paragraphs the agent took facts from, quoted in full as a model quotes its evidence. */
  private static String evidence(Transcript t) {
    StringBuilder sb = new StringBuilder();
    for (ContextParagraph p : t.question.supportingParagraphs()) {
      if (t.pickedUp.contains(p.title())) {
        if (sb.length() > 0) sb.append("\n");
        sb.append(p.title()).append(": ").append(p.text());
      }
    }
    return sb.toString();
  }
}
