package dev.frugal.testbed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
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
 *   <li>The question, as a {@link QuestionView} (id and text): the first user message must contain
 *       its text verbatim.
 *   <li>What it understood: every message that is not the model's own is read by a {@link
 *       Comprehension.Reader}, which reports the needed facts understood in it. Text that left the
 *       context (an elided tool result) is forgotten. {@code stale} counts the tool results since
 *       the last one that brought a newly understood fact.
 *   <li>Titles and snippets seen: the {@code N. [pX] Title — snippet} lines of search results.
 *   <li>Titles opened and queries issued: the model's own earlier tool calls, and open results.
 *   <li>Refused tools: a tool result that starts with {@code ERROR} and mentions the budget, or
 *       says "budget refused"; and tools the status block shows at 0.
 *   <li>Budget: whether the system message contains "Budget Tracker", the guidance it gives ({@link
 *       TrackerPrompt}) and the last status block.
 * </ul>
 */
final class Transcript {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HIT =
      Pattern.compile("(?m)^\\d+\\. \\[(p\\d+)\\] (.+?) \u2014 (.*)$");
  private static final Pattern OPENED = Pattern.compile("(?m)^\\[(p\\d+)\\] (.+)$");

  /*
   * Every request re-reads the whole conversation, so what one message says is parsed once and
   * remembered (Memo): the parses below depend on the message text alone and are never changed.
   */
  private static final int MEMO_ENTRIES = 8192;

  private static final Memo<ToolText, ToolReading> TOOL_READINGS = new Memo<>(MEMO_ENTRIES);
  private static final Memo<ToolText, List<String>> CALL_ARGUMENTS = new Memo<>(MEMO_ENTRIES);
  private static final Memo<String, Optional<BudgetStatus>> STATUS = new Memo<>(MEMO_ENTRIES);
  private static final Memo<String, Optional<TrackerPrompt>> GUIDES = new Memo<>(64);

  /** A tool's name with a text: a tool result, or the arguments of a tool call. */
  private record ToolText(String tool, String text) {}

  /**
   * What a tool result says: refused for lack of budget, another error, or the {@code {id, title,
   * snippet}} of each search hit, or the titles an open result shows.
   */
  private record ToolReading(
      boolean refused, boolean error, List<String[]> hits, List<String> openedTitles) {}

  final QuestionView question;
  final boolean trackerOn;
  final Optional<BudgetStatus> budget;
  final Optional<TrackerPrompt> prompt;

  /** Titles seen in search results, with the id shown, in first-seen order. */
  final Map<String, String> seen = new LinkedHashMap<>();

  /** The snippet shown with each title seen. */
  final Map<String, String> snippets = new HashMap<>();

  /** Titles requested through the open tool or shown by it. */
  final Set<String> opened = new LinkedHashSet<>();

  /** Queries already sent, normalised to lower case. */
  final Set<String> queries = new LinkedHashSet<>();

  /** Tools whose use was refused for lack of budget. */
  final Set<String> refused = new LinkedHashSet<>();

  /** What the model understood (or misread) from the text of this request, as {@link #role}. */
  final Comprehension.Reader understanding;

  /** Who reads this request: each role has its own draws ({@link Comprehension}). */
  final Comprehension.Role role;

  /** The seed the reading role's draws are keyed on. */
  final long seed;

  /** The answer the model knows from memory, if it knows one ({@link Comprehension#fromMemory}). */
  final Optional<String> memory;

  /** How many tool results the conversation holds. */
  final int toolResults;

  /**
   * Tool results since the last one that brought progress: a needed fact newly understood, or a new
   * title that shares a word with the question.
   */
  final int stale;

  /** Facts newly understood in the last tool result. */
  final int newInLastResult;

  /** The text of each tool result, in order. */
  private final List<String> toolTexts;

  /** {@link #toolText()}, once asked for. */
  private String toolText;

  /**
   * The evidence of the request: the model's own tool calls and the tool results, in order, with no
   * free text. Random draws are keyed on it, so that the text of an answer never steers a decision.
   */
  final String evidence;

  /** The text of the last user message ("" when none). */
  final String lastUserText;

  private Transcript(
      List<ChatMessage> messages,
      SimWorld world,
      Comprehension comprehension,
      Comprehension.Role role) {
    String firstUser = null;
    String lastUser = "";
    boolean tracker = false;
    Optional<BudgetStatus> status = Optional.empty();
    Optional<TrackerPrompt> guide = Optional.empty();
    String[] texts = new String[messages.size()];
    int chars = 0;
    for (int i = 0; i < texts.length; i++) {
      ChatMessage m = messages.get(i);
      if (m instanceof UserMessage u) {
        String t = text(u);
        if (firstUser == null) firstUser = t;
        lastUser = t;
      }
      if (m instanceof SystemMessage s && s.text().contains("Budget Tracker")) {
        tracker = true;
        guide = GUIDES.get(s.text(), TrackerPrompt::parse);
      }
      String t = textOf(m);
      texts[i] = t;
      chars += t.length() + 1;
      Optional<BudgetStatus> b = STATUS.get(t, BudgetStatus::lastIn);
      if (b.isPresent()) status = b;
    }
    this.question = world.viewIn(firstUser);
    this.trackerOn = tracker;
    this.budget = status;
    this.prompt = guide;
    this.lastUserText = lastUser;
    this.role = role;
    this.seed = comprehension.seedOf(role);
    this.understanding = comprehension.reader(question, role);
    this.memory = comprehension.fromMemory(question);

    Map<String, String> titleById = new HashMap<>();
    int results = 0;
    int sinceNew = 0;
    int lastNew = 0;
    List<String> tools = new java.util.ArrayList<>();
    // sized once: the evidence is at most the text of every message plus a separator each
    StringBuilder ev = new StringBuilder(chars);
    List<String> questionWords = new java.util.ArrayList<>();
    for (String w : AgentPolicy.contentWords(question.text())) {
      questionWords.add(w.toLowerCase(Locale.ROOT));
    }
    for (int i = 0; i < texts.length; i++) {
      ChatMessage m = messages.get(i);
      if (m instanceof AiMessage ai) {
        readOwnCalls(ai, titleById);
        if (ai.hasToolExecutionRequests()) {
          for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
            ev.append(r.name()).append(r.arguments()).append('\u0000');
          }
        }
        continue;
      }
      String text = texts[i];
      int understoodNow = understanding.read(text).size();
      if (m instanceof ToolExecutionResultMessage r) {
        results++;
        int seenBefore = seen.size();
        readToolResult(r, titleById);
        boolean newTitles = newRelevantTitle(seenBefore, questionWords);
        tools.add(text);
        ev.append(text).append('\u0000');
        sinceNew = understoodNow > 0 || newTitles ? 0 : sinceNew + 1;
        lastNew = understoodNow;
      }
    }
    this.toolResults = results;
    this.stale = sinceNew;
    this.newInLastResult = lastNew;
    this.toolTexts = tools;
    this.evidence = ev.toString();
    status.ifPresent(
        b ->
            b.units()
                .forEach(
                    (label, u) -> {
                      if (u.remaining() == 0) refused.add(toolForLabel(label));
                    }));
  }

  /**
   * Whether a title first seen after the first {@code before} shares a word with the question;
   * {@code words} are the question's content words, lower-cased (computed once per transcript).
   */
  private boolean newRelevantTitle(int before, List<String> words) {
    int i = 0;
    for (String title : seen.keySet()) {
      if (i++ < before) continue;
      String lower = title.toLowerCase(Locale.ROOT);
      for (String w : words) {
        if (lower.contains(w)) return true;
      }
    }
    return false;
  }

  /** Reads {@code messages} as the simulated agent whose comprehension is {@code comprehension}. */
  static Transcript read(List<ChatMessage> messages, SimWorld world, Comprehension comprehension) {
    return new Transcript(messages, world, comprehension, Comprehension.Role.AGENT);
  }

  /** Reads {@code messages} as {@code role}, with that role's own draws. */
  static Transcript read(
      List<ChatMessage> messages,
      SimWorld world,
      Comprehension comprehension,
      Comprehension.Role role) {
    return new Transcript(messages, world, comprehension, role);
  }

  /**
   * All tool-result text of the conversation, each result followed by a line break (joined when
   * first asked for: most requests never need it).
   */
  String toolText() {
    if (toolText == null) {
      StringBuilder sb = new StringBuilder();
      for (String t : toolTexts) sb.append(t).append('\n');
      toolText = sb.toString();
    }
    return toolText;
  }

  /** True when every needed fact has been understood. */
  boolean complete() {
    return understanding.complete();
  }

  /**
   * The regime the tracker's status block shows, under the thresholds of the prompt sent (the
   * paper's 70 / 30 / 10% when the prompt gives none), or empty when no budget is shown.
   */
  Optional<BudgetStatus.Regime> regime() {
    if (!trackerOn || budget.isEmpty()) return Optional.empty();
    return Optional.of(
        prompt.map(p -> p.regime(budget.get())).orElseGet(() -> budget.get().regime()));
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
      List<String> values =
          CALL_ARGUMENTS.get(new ToolText(r.name(), r.arguments()), Transcript::callArguments);
      if (SearchTool.NAME.equals(r.name())) {
        values.forEach(q -> queries.add(normalisedQuery(q)));
      } else if (OpenTool.NAME.equals(r.name())) {
        values.forEach(id -> opened.add(titleById.getOrDefault(id, id)));
      }
    }
  }

  /** The queries of a search call or the ids of an open call; none for other calls or bad JSON. */
  private static List<String> callArguments(ToolText call) {
    String param =
        SearchTool.NAME.equals(call.tool())
            ? SearchTool.PARAM
            : OpenTool.NAME.equals(call.tool()) ? OpenTool.PARAM : null;
    if (param == null) return List.of();
    JsonNode args;
    try {
      args = JSON.readTree(call.text() == null ? "{}" : call.text());
    } catch (Exception e) {
      return List.of(); // not the simulation's own JSON; nothing to learn from it
    }
    List<String> values = new ArrayList<>();
    args.path(param).forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  private void readToolResult(ToolExecutionResultMessage r, Map<String, String> titleById) {
    ToolReading reading =
        TOOL_READINGS.get(
            new ToolText(r.toolName(), r.text() == null ? "" : r.text()), Transcript::toolReading);
    if (reading.refused()) {
      refused.add(r.toolName());
      return;
    }
    for (String[] hit : reading.hits()) {
      seen.putIfAbsent(hit[1], hit[0]);
      snippets.putIfAbsent(hit[1], hit[2]);
      titleById.put(hit[0], hit[1]);
    }
    opened.addAll(reading.openedTitles());
  }

  /** Parses one tool result (see {@link ToolReading}). */
  private static ToolReading toolReading(ToolText result) {
    String text = result.text();
    String lower = text.toLowerCase(Locale.ROOT);
    if ((text.startsWith("ERROR") && lower.contains("budget"))
        || lower.contains("budget refused")) {
      return new ToolReading(true, true, List.of(), List.of());
    }
    if (text.startsWith("ERROR")) return new ToolReading(false, true, List.of(), List.of());
    List<String[]> hits = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    if (SearchTool.NAME.equals(result.tool())) {
      Matcher m = HIT.matcher(text);
      while (m.find()) hits.add(new String[] {m.group(1), m.group(2), m.group(3)});
    } else if (OpenTool.NAME.equals(result.tool())) {
      Matcher m = OPENED.matcher(text);
      while (m.find()) titles.add(m.group(2));
    }
    return new ToolReading(false, false, List.copyOf(hits), List.copyOf(titles));
  }

  /** The text of the last user message of {@code messages} ("" when none). */
  static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u) return text(u);
    }
    return "";
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
    List<Content> contents = u.contents();
    if (contents.size() == 1 && contents.get(0) instanceof TextContent t) return t.text();
    StringBuilder sb = new StringBuilder();
    for (Content c : u.contents()) {
      if (c instanceof TextContent t) sb.append(t.text());
    }
    return sb.toString();
  }
}
