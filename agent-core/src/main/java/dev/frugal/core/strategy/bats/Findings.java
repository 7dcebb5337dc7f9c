package dev.frugal.core.strategy.bats;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the attempts of one BATS run have found so far, carried into every briefing (docs/bats.md,
 * "Briefings"): the facts from every verification and compaction, each with the source it came
 * from, and the failed branches (answers a PIVOT rejected, with why). A briefing is all the next
 * attempt knows once its raw trajectory is gone, so the facts of attempt 1 must still be there when
 * attempt 3 starts, not only those of the last verification.
 *
 * <p>A fact is one line of the verifier's (or the compaction's) {@code useful_information}. The
 * verifier is asked to give each fact with the title it came from; a line that names no source and
 * is found word for word in a tool result of the trajectory gets that tool call as its source.
 */
final class Findings {
  /** At most this many facts are kept [choice: 20], the oldest dropped first. */
  static final int MAX_FACTS = 20;

  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<String> failed = new ArrayList<>();

  /** Adds the facts of one {@code useful_information} text, read against {@code trajectory}. */
  void addFacts(String useful, List<ChatMessage> trajectory) {
    if (useful == null || useful.isBlank()) return;
    for (String raw : useful.split("\\R")) {
      String line = raw.strip().replaceFirst("^([-*\u2022]|\\d+[.)])\\s+", "").strip();
      if (line.isEmpty() || line.equalsIgnoreCase("(none)")) continue;
      String key = line.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
      if (key.isEmpty() || facts.containsKey(key)) continue;
      facts.put(key, withSource(line, trajectory));
      if (facts.size() > MAX_FACTS) facts.remove(facts.keySet().iterator().next());
    }
  }

  /** Records a failed branch: the answer attempt {@code attempt} proposed and why it failed. */
  void addFailed(int attempt, String answer, String why) {
    String what = answer == null ? "no answer" : "\"" + answer + "\"";
    String reason = why == null || why.isBlank() ? "" : ": " + why.strip();
    failed.add("attempt " + attempt + " answered " + what + reason);
  }

  /** The facts, one {@code - } line each, or {@code (none)}. */
  String facts() {
    return facts.isEmpty() ? "(none)" : "- " + String.join("\n- ", facts.values());
  }

  /** The failed branches, one {@code - } line each, or {@code (none)}. */
  String failed() {
    return failed.isEmpty() ? "(none)" : "- " + String.join("\n- ", failed);
  }

  private static String withSource(String fact, List<ChatMessage> trajectory) {
    String lower = fact.toLowerCase(Locale.ROOT);
    if (lower.contains("source") || lower.matches(".*\\(from .*\\)$")) return fact;
    String quoted = fact.replaceAll("^[\"']|[\"']$", "");
    Map<String, ToolExecutionRequest> calls = new LinkedHashMap<>();
    for (ChatMessage m : trajectory) {
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests()) calls.put(r.id(), r);
      }
      if (m instanceof ToolExecutionResultMessage t && t.text().contains(quoted)) {
        ToolExecutionRequest r = calls.get(t.id());
        String args = r == null || r.arguments() == null ? "" : " " + r.arguments().strip();
        return fact + " (source: " + t.toolName() + args + ")";
      }
    }
    return fact;
  }
}
