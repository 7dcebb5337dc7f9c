package dev.frugal.testbed.memory;

import dev.frugal.memory.history.Tokens;
import dev.frugal.memory.internal.KeywordTopics;
import dev.frugal.memory.internal.PatternEntities;
import dev.frugal.memory.internal.RuleTemporal;
import dev.frugal.memory.module.Evidence;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIMULATED language model for the memory modules' MID/HIGH tiers (not a real model). It reads
 * the module prompt it receives, asks {@link Comprehension} which supporting sentences present in
 * that prompt it understood (skill by size, raised by chain-of-thought or plan-act-reflect
 * prompts), and replies in the module's line format with text taken from the prompt only: the
 * Filter keeps understood sentences plus the best keyword matches, the extractors apply the same
 * rules as the LOW tier to the prompt's sentences, the Summary restates understood sentences first.
 * Reasoning sections quote the prompt's sentences, so longer styles bill more output tokens. Token
 * usage is one token per four characters.
 */
public final class SimulatedMemoryModel implements ChatModel {
  private static final Pattern LINE =
      Pattern.compile("(?m)^#(\\d+) \\[([^,\\]]*), ([0-9-]+)] (.*)$");
  private static final Pattern QUESTION = Pattern.compile("(?m)^Question: (.*)$");

  private final String name;
  private final double skill;
  private final Comprehension comprehension;
  private final MemoryAssumptions a;

  /** {@code a} holds the style bonuses, the cap and the line counts ({@link MemoryParameter}). */
  SimulatedMemoryModel(
      String name, double skill, Comprehension comprehension, MemoryAssumptions a) {
    this.name = name;
    this.skill = skill;
    this.comprehension = comprehension;
    this.a = a;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    String prompt =
        ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
    double s = skill;
    String style = "";
    if (prompt.contains("REASONING:")) {
      s += a.get(MemoryParameter.REASONING_BONUS);
      style = "cot";
    } else if (prompt.contains("PLAN:")) {
      s += a.get(MemoryParameter.PLAN_BONUS);
      style = "par";
    }
    List<String> understood =
        comprehension.understood(prompt, name, Math.min(a.get(MemoryParameter.SKILL_CAP), s));
    List<Line> lines = lines(prompt);
    Matcher qm = QUESTION.matcher(prompt);
    String question = qm.find() ? qm.group(1) : "";
    StringBuilder reply = new StringBuilder(reasoning(style, lines, a));
    if (prompt.startsWith("[memory module: filter]")) {
      for (int i : keep(question, lines, understood, a.count(MemoryParameter.FILTER_KEEP)))
        reply.append("KEEP: #").append(i + 1).append('\n');
    } else if (prompt.startsWith("[memory module: entity]")) {
      new PatternEntities()
          .extract(lines.stream().map(Line::text).toList())
          .forEach(
              e ->
                  reply
                      .append("ENTITY: ")
                      .append(e.name())
                      .append(" | ")
                      .append(e.type())
                      .append('\n'));
    } else if (prompt.startsWith("[memory module: temporal]")) {
      new RuleTemporal()
          .extract(lines.stream().map(Line::evidence).toList())
          .forEach(
              d ->
                  reply
                      .append("DATE: ")
                      .append(d.expression())
                      .append(" | ")
                      .append(d.resolved())
                      .append('\n'));
    } else if (prompt.startsWith("[memory module: topic]")) {
      new KeywordTopics(2)
          .extract(question, lines.stream().map(Line::text).toList())
          .forEach(t -> reply.append("TOPIC: ").append(t).append('\n'));
    } else if (prompt.startsWith("[memory module: summary]")) {
      reply.append("SUMMARY: ");
      Matcher dm = Pattern.compile("(?m)^Dates: (.*)$").matcher(prompt);
      for (int i : keep(question, lines, understood, a.count(MemoryParameter.SUMMARY_KEEP))) {
        Line l = lines.get(i);
        reply
            .append("(")
            .append(l.source())
            .append(", ")
            .append(RuleTemporal.spoken(l.date()))
            .append(") ")
            .append(l.text())
            .append(' ');
      }
      if (dm.find()) reply.append("Dates mentioned: ").append(dm.group(1));
    } else {
      reply.append("I can only act as a memory module.");
    }
    String text = reply.toString().strip();
    int max = request.maxOutputTokens() == null ? Integer.MAX_VALUE : request.maxOutputTokens();
    if (text.length() / 4 > max)
      text = text.substring(text.length() - max * 4); // the answer lines last
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(new TokenUsage(prompt.length() / 4 + 1, text.length() / 4 + 1))
        .build();
  }

  /** Indices of the lines to keep: understood sentences first, then the best keyword matches. */
  private static List<Integer> keep(
      String question, List<Line> lines, List<String> understood, int n) {
    Set<Integer> out = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String u : understood) if (lines.get(i).text().contains(u)) out.add(i);
    }
    Set<String> q = new HashSet<>(Tokens.keywords(question));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) order.add(i);
    order.sort(
        Comparator.comparingLong(
                (Integer i) ->
                    -Tokens.keywords(lines.get(i).text()).stream().filter(q::contains).count())
            .thenComparing(i -> i));
    for (int i : order) {
      if (out.size() >= n) break;
      out.add(i);
    }
    List<Integer> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.naturalOrder());
    return sorted;
  }

  private static String reasoning(String style, List<Line> lines, MemoryAssumptions a) {
    if (style.isEmpty()) return "";
    StringBuilder sb =
        new StringBuilder(
            style.equals("cot")
                ? "REASONING: "
                : "PLAN: read each sentence and keep what bears on the question.\nACT: ");
    int n =
        style.equals("cot")
            ? a.count(MemoryParameter.REASONING_QUOTES)
            : a.count(MemoryParameter.PLAN_QUOTES);
    for (int i = 0; i < Math.min(n, lines.size()); i++) {
      sb.append("Sentence ")
          .append(i + 1)
          .append(" says: ")
          .append(lines.get(i).text())
          .append(' ');
    }
    if (style.equals("par"))
      sb.append("\nREFLECT: checked the kept sentences against the question.");
    return sb.append('\n').toString();
  }

  private static List<Line> lines(String prompt) {
    List<Line> out = new ArrayList<>();
    Matcher m = LINE.matcher(prompt);
    while (m.find()) {
      LocalDate d;
      try {
        d = LocalDate.parse(m.group(3));
      } catch (RuntimeException e) {
        d = LocalDate.of(2000, 1, 1);
      }
      out.add(new Line(m.group(2), d, m.group(4)));
    }
    return out;
  }

  private record Line(String source, LocalDate date, String text) {
    Evidence evidence() {
      return new Evidence(0, source, date, text, 0);
    }
  }
}
