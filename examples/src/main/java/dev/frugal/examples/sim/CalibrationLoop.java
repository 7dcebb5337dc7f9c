package dev.frugal.examples.sim;

import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.AnswerScore;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal ReAct loop with per-tool unit caps and an optional Budget Tracker, speaking the same
 * protocol as the engine's ReAct (question as {@code "Question: ..."}, {@code ERROR: } results, the
 * status block after every tool result, a forced answer without tools when a tool's units run out
 * or the step limit is reached). It exists to calibrate and test simulation profiles on their own,
 * without the engine; benchmarks run the real agent. It keeps every message (no elision) and prices
 * nothing: {@link Episode} reports the raw usage.
 */
public final class CalibrationLoop {
  private static final Pattern ANSWER = Pattern.compile("(?is)<answer>(.*?)(?:</answer>|$)");
  private static final String SYSTEM =
      "You answer questions by searching a document collection. Call 'search' to find titles,"
          + " 'open' to read paragraphs, and answer as <answer>ANSWER</answer>.";
  private static final String FORCE =
      "Your budget is used up: you cannot call tools any more. Give your best final answer now,"
          + " as <answer>ANSWER</answer>.";

  private final ChatModel model;
  private final ToolRegistry tools;
  private final Map<String, Long> caps;
  private final boolean tracker;
  private final int maxSteps;

  /**
   * @param model the model to drive
   * @param tools the tools offered
   * @param caps units allowed per tool name (a tool without a cap is unlimited)
   * @param tracker whether to show the Budget Tracker (system section and status blocks)
   * @param maxSteps model calls before the answer is forced
   */
  public CalibrationLoop(
      ChatModel model, ToolRegistry tools, Map<String, Long> caps, boolean tracker, int maxSteps) {
    this.model = Objects.requireNonNull(model, "model");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.caps = Map.copyOf(caps);
    this.tracker = tracker;
    if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    this.maxSteps = maxSteps;
    for (String t : caps.keySet()) {
      if (tools.find(t).isEmpty()) {
        throw new IllegalArgumentException(
            "cap for unknown tool '" + t + "'; tools: " + tools.names());
      }
    }
  }

  /**
   * One question's run.
   *
   * @param answer the final answer, or null when none was given
   * @param score the answer's exact match and F1 against the gold answers
   * @param units units used per tool
   * @param modelCalls model calls, including a forced final answer
   * @param forced whether the answer was forced
   * @param inputTokens input tokens reported by the model, summed
   * @param outputTokens output tokens reported by the model, summed
   * @param replies every model reply, in order
   */
  public record Episode(
      String answer,
      AnswerScore score,
      Map<String, Long> units,
      int modelCalls,
      boolean forced,
      long inputTokens,
      long outputTokens,
      List<AiMessage> replies) {}

  public Episode run(Question question) {
    Map<String, Long> used = new TreeMap<>();
    tools.names().forEach(n -> used.put(n, 0L));
    List<ChatMessage> msgs = new ArrayList<>();
    String system =
        tracker ? SYSTEM + "\n\n## Budget Tracker\nStatus now: " + status(used) : SYSTEM;
    msgs.add(SystemMessage.from(system));
    msgs.add(UserMessage.from("Question: " + question.text()));
    List<AiMessage> replies = new ArrayList<>();
    long[] tokens = new long[2];
    while (replies.size() < maxSteps) {
      AiMessage ai =
          call(
              ChatRequest.builder()
                  .messages(msgs)
                  .toolSpecifications(tools.specifications())
                  .build(),
              replies,
              tokens);
      msgs.add(ai);
      if (!ai.hasToolExecutionRequests()) {
        return episode(question, ai, used, replies, false, tokens);
      }
      for (ToolExecutionRequest req : ai.toolExecutionRequests()) {
        msgs.add(ToolExecutionResultMessage.from(req, execute(req, used)));
      }
      if (caps.entrySet().stream().anyMatch(e -> used.get(e.getKey()) >= e.getValue())) break;
    }
    msgs.add(UserMessage.from(FORCE));
    AiMessage last = call(ChatRequest.builder().messages(msgs).build(), replies, tokens);
    return episode(question, last, used, replies, true, tokens);
  }

  private AiMessage call(ChatRequest request, List<AiMessage> replies, long[] tokens) {
    ChatResponse r = model.chat(request);
    replies.add(r.aiMessage());
    if (r.tokenUsage() != null) {
      tokens[0] += r.tokenUsage().inputTokenCount() == null ? 0 : r.tokenUsage().inputTokenCount();
      tokens[1] +=
          r.tokenUsage().outputTokenCount() == null ? 0 : r.tokenUsage().outputTokenCount();
    }
    return r.aiMessage();
  }

  private String execute(ToolExecutionRequest req, Map<String, Long> used) {
    String text;
    ToolRegistry.Prepared p = tools.prepare(req);
    if (p instanceof ToolRegistry.Prepared.Rejected r) {
      text = "ERROR: " + r.message();
    } else {
      ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) p;
      String name = ready.tool().name();
      long cap = caps.getOrDefault(name, Long.MAX_VALUE);
      if (used.get(name) + ready.units() > cap) {
        text =
            "ERROR: budget refused: '"
                + name
                + "' needs "
                + ready.units()
                + " units but "
                + (cap - used.get(name))
                + " remain. The call was not made.";
      } else {
        ToolResult result;
        try {
          result = ready.tool().execute(ready.call());
        } catch (Exception e) {
          result = ToolResult.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (result.error()) {
          text = "ERROR: " + result.text();
        } else {
          used.merge(name, ready.units(), Long::sum);
          text = result.text();
        }
      }
    }
    return tracker ? text + "\n" + status(used) : text;
  }

  private String status(Map<String, Long> used) {
    StringJoiner j = new StringJoiner(", ", "<budget>", "</budget>");
    Map<String, Long> sorted = new TreeMap<>(caps);
    sorted.forEach(
        (tool, cap) -> {
          String label = tools.find(tool).map(t -> t.unitRule().unitLabel()).orElse(null);
          String l = label == null ? tool : label;
          j.add(l + " Budget Used: " + used.get(tool));
          j.add(l + " Budget Remaining: " + (cap - used.get(tool)));
        });
    return j.toString();
  }

  private static Episode episode(
      Question q,
      AiMessage ai,
      Map<String, Long> used,
      List<AiMessage> replies,
      boolean forced,
      long[] tokens) {
    String answer = null;
    if (ai.text() != null) {
      Matcher m = ANSWER.matcher(ai.text());
      answer = m.find() ? m.group(1).strip() : ai.text().strip();
      if (answer.isEmpty() || answer.equalsIgnoreCase("none")) answer = null;
    }
    return new Episode(
        answer,
        AnswerMetrics.score(answer, q.answers()),
        new LinkedHashMap<>(used),
        replies.size(),
        forced,
        tokens[0],
        tokens[1],
        List.copyOf(replies));
  }
}
