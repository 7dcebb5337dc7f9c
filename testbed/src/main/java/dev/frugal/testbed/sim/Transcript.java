package dev.frugal.testbed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated agent knows after reading a conversation, derived from the messages alone.
 *
 * <ul>
 *   <li>The question: the first user message must contain its text verbatim.
 *   <li>Facts picked up: each time a supporting paragraph's full text appears in a message that is
 *       not the model's own, the fact is picked up with probability {@code readSkill}; the draw is
 *       fixed per (seed, question, title, n-th appearance), so re-reading a conversation always
 *       gives the same facts. Text that left the context (an elided tool result) is forgotten.
 *   <li>Titles seen: the {@code N. [pX] Title — snippet} lines of search results.
 *   <li>Titles opened and queries issued: the model's own earlier tool calls, and open results.
 *   <li>Refused tools: a tool result that starts with {@code ERROR} and mentions the budget, or
 *       says "budget refused"; and tools the status block shows at 0.
 *   <li>Budget: whether the system message contains "Budget Tracker", and the last status block.
 * </ul>
 */
final class Transcript {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HIT = Pattern.compile("(?m)^\\d+\\. \\[(p\\d+)\\] (.+?) \u2014 ");
  private static final Pattern OPENED = Pattern.compile("(?m)^\\[(p\\d+)\\] (.+)$");

  final Question question;
  final boolean trackerOn;
  final Optional<BudgetStatus> budget;

  /** Titles seen in search results, with the id shown, in first-seen order. */
  final Map<String, String> seen = new LinkedHashMap<>();

  /** Titles requested through the open tool or shown by it. */
  final Set<String> opened = new LinkedHashSet<>();

  /** Supporting titles whose fact was picked up. */
  final Set<String> pickedUp = new LinkedHashSet<>();

  /** Queries already sent, normalised to lower case. */
  final Set<String> queries = new LinkedHashSet<>();

  /** Tools whose use was refused for lack of budget. */
  final Set<String> refused = new LinkedHashSet<>();

  /** How many tool results the conversation holds. */
  final int toolResults;

  /** The text of the last user message ("" when none). */
  final String lastUserText;

  private Transcript(List<ChatMessage> messages, SimWorld world, long seed, double readSkill) {
    String firstUser = null;
    String lastUser = "";
    boolean tracker = false;
    Optional<BudgetStatus> status = Optional.empty();
    for (ChatMessage m : messages) {
      if (m instanceof UserMessage u) {
        String t = text(u);
        if (firstUser == null) firstUser = t;
        lastUser = t;
      }
      if (m instanceof SystemMessage s && s.text().contains("Budget Tracker")) tracker = true;
      String t = textOf(m);
      Optional<BudgetStatus> b = BudgetStatus.lastIn(t);
      if (b.isPresent()) status = b;
    }
    this.question = world.questionIn(firstUser);
    this.trackerOn = tracker;
    this.budget = status;
    this.lastUserText = lastUser;

    Map<String, String> titleById = new HashMap<>();
    Map<String, Integer> appearances = new HashMap<>();
    int results = 0;
    for (ChatMessage m : messages) {
      if (m instanceof AiMessage ai) {
        readOwnCalls(ai, titleById);
        continue;
      }
      String text = textOf(m);
      if (m instanceof ToolExecutionResultMessage r) {
        results++;
        readToolResult(r, titleById);
      }
      for (ContextParagraph p : question.supportingParagraphs()) {
        if (!p.text().isEmpty() && text.contains(p.text())) {
          int n = appearances.merge(p.title(), 1, Integer::sum);
          if (Seeds.uniform(seed, question.id(), "read", p.title(), n) < readSkill) {
            pickedUp.add(p.title());
          }
        }
      }
    }
    this.toolResults = results;
    status.ifPresent(
        b ->
            b.units()
                .forEach(
                    (label, u) -> {
                      if (u.remaining() == 0) refused.add(toolForLabel(label));
                    }));
  }

  /**
   * Reads {@code messages} as the simulated agent of {@code profile} with run seed {@code seed}.
   */
  static Transcript read(
      List<ChatMessage> messages, SimWorld world, long seed, SimProfile profile) {
    return new Transcript(messages, world, seed, profile.value(SimParameter.READ_SKILL));
  }

  /** True when every supporting fact has been picked up. */
  boolean hasAllFacts() {
    return pickedUp.containsAll(question.supportingTitles());
  }

  /** The regime shown by the tracker, or empty when no budget is shown. */
  Optional<BudgetStatus.Regime> regime() {
    return trackerOn ? budget.map(BudgetStatus::regime) : Optional.empty();
  }

  /** Units of {@code tool} left according to the status block, if shown. */
  Optional<Long> remaining(String tool) {
    if (budget.isEmpty()) return Optional.empty();
    for (Map.Entry<String, BudgetStatus.Units> e : budget.get().units().entrySet()) {
      if (toolForLabel(e.getKey()).equals(tool)) return Optional.of(e.getValue().remaining());
    }
    return Optional.empty();
  }

  /**
   * The tool a status-block label counts: the BATS labels {@code Query} and {@code Open} name
   * {@code search} and {@code open}; any other label is taken as the tool's name.
   */
  static String toolForLabel(String label) {
    return switch (label) {
      case "Query" -> SearchTool.NAME;
      case "Open" -> OpenTool.NAME;
      default -> label.toLowerCase(Locale.ROOT);
    };
  }

  private void readOwnCalls(AiMessage ai, Map<String, String> titleById) {
    if (!ai.hasToolExecutionRequests()) return;
    for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
      JsonNode args;
      try {
        args = JSON.readTree(r.arguments() == null ? "{}" : r.arguments());
      } catch (Exception e) {
        continue; // not the simulation's own JSON; nothing to learn from it
      }
      if (SearchTool.NAME.equals(r.name())) {
        args.path(SearchTool.PARAM).forEach(q -> queries.add(normalisedQuery(q.asText())));
      } else if (OpenTool.NAME.equals(r.name())) {
        args.path(OpenTool.PARAM)
            .forEach(id -> opened.add(titleById.getOrDefault(id.asText(), id.asText())));
      }
    }
  }

  private void readToolResult(ToolExecutionResultMessage r, Map<String, String> titleById) {
    String text = r.text() == null ? "" : r.text();
    String lower = text.toLowerCase(Locale.ROOT);
    if ((text.startsWith("ERROR") && lower.contains("budget"))
        || lower.contains("budget refused")) {
      refused.add(r.toolName());
      return;
    }
    if (text.startsWith("ERROR")) return;
    if (SearchTool.NAME.equals(r.toolName())) {
      Matcher m = HIT.matcher(text);
      while (m.find()) {
        seen.putIfAbsent(m.group(2), m.group(1));
        titleById.put(m.group(1), m.group(2));
      }
    } else if (OpenTool.NAME.equals(r.toolName())) {
      Matcher m = OPENED.matcher(text);
      while (m.find()) opened.add(m.group(2));
    }
  }

  static String normalisedQuery(String q) {
    return q.strip().toLowerCase(Locale.ROOT);
  }

  /** All the text of a message: what the model reads. */
  static String textOf(ChatMessage m) {
    if (m instanceof SystemMessage s) return s.text();
    if (m instanceof UserMessage u) return text(u);
    if (m instanceof ToolExecutionResultMessage r) return r.text() == null ? "" : r.text();
    if (m instanceof AiMessage a) {
      StringBuilder sb = new StringBuilder(a.text() == null ? "" : a.text());
      if (a.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
          sb.append(r.name()).append(r.arguments());
        }
      }
      return sb.toString();
    }
    return "";
  }

  private static String text(UserMessage u) {
    StringBuilder sb = new StringBuilder();
    for (Content c : u.contents()) {
      if (c instanceof TextContent t) sb.append(t.text());
    }
    return sb.toString();
  }
}
