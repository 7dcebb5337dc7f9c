package dev.frugal.memory.module;

import dev.frugal.memory.model.PromptStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts the model-based tiers send and the parsers of their replies. Every prompt starts with
 * {@code [memory module: NAME]} and numbers the sentences it shows; every reply is read line by
 * line ({@code KEEP: #3}, {@code ENTITY: name | type}, {@code DATE: expression | resolved}, {@code
 * TOPIC: label}, {@code SUMMARY: text}), so reasoning sections before them are ignored.
 */
final class ModelPrompts {
  private static final Pattern KEEP = Pattern.compile("(?m)^\\s*KEEP:\\s*#?(\\d+)");
  private static final Pattern ENTITY =
      Pattern.compile("(?m)^\\s*ENTITY:\\s*(.+?)\\s*\\|\\s*(\\S.*)$");
  private static final Pattern DATE = Pattern.compile("(?m)^\\s*DATE:\\s*(.+?)\\s*\\|\\s*(\\S.*)$");
  private static final Pattern TOPIC = Pattern.compile("(?m)^\\s*TOPIC:\\s*(\\S.*)$");

  private ModelPrompts() {}

  /** The marker that opens the prompt of {@code module}. */
  public static String marker(Module module) {
    return "[memory module: " + module.name().toLowerCase() + "]";
  }

  /** Numbered sentences with their source and date, as every prompt shows them. */
  static String numbered(List<Evidence> evidence) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      sb.append('#')
          .append(i + 1)
          .append(" [")
          .append(e.source())
          .append(", ")
          .append(e.date())
          .append("] ")
          .append(e.sentence())
          .append('\n');
    }
    return sb.toString();
  }

  static String filter(String query, List<Evidence> candidates, PromptStyle style) {
    return listing(
        Module.FILTER,
        query,
        "Sentences",
        candidates,
        "List the sentences that help answer the question, one per line as KEEP: #n."
            + " Keep at most 8.",
        style);
  }

  static String entity(String query, List<Evidence> evidence, PromptStyle style) {
    return listing(
        Module.ENTITY,
        query,
        "Evidence",
        evidence,
        "List the people, places, organisations and named things in the evidence, one per line"
            + " as ENTITY: name | PERSON, PLACE, ORGANIZATION or NAME.",
        style);
  }

  static String temporal(String query, List<Evidence> evidence, PromptStyle style) {
    return listing(
        Module.TEMPORAL,
        query,
        "Evidence (each sentence shows its session date)",
        evidence,
        "List every date or time expression, resolving relative ones against the sentence's"
            + " date, one per line as DATE: expression | yyyy-MM-dd (or yyyy-MM, or yyyy).",
        style);
  }

  static String topic(String query, List<Evidence> evidence, PromptStyle style) {
    return listing(
        Module.TOPIC,
        query,
        "Evidence",
        evidence,
        "List up to five topics of the evidence, one per line as TOPIC: label.",
        style);
  }

  /** The shape of the extracting modules' prompts: the question, numbered sentences, the ask. */
  private static String listing(
      Module module,
      String query,
      String label,
      List<Evidence> sentences,
      String ask,
      PromptStyle style) {
    return marker(module)
        + "\nQuestion: "
        + query
        + "\n"
        + label
        + ":\n"
        + numbered(sentences)
        + ask
        + "\n"
        + style.instruction();
  }

  static String summary(
      String query,
      List<Evidence> evidence,
      List<EntityMention> entities,
      List<DateMention> dates,
      List<String> topics,
      PromptStyle style) {
    StringBuilder sb =
        new StringBuilder(marker(Module.SUMMARY))
            .append("\nQuestion: ")
            .append(query)
            .append("\nEvidence:\n")
            .append(numbered(evidence));
    if (!entities.isEmpty()) {
      sb.append("Entities: ");
      entities.forEach(e -> sb.append(e.name()).append(" (").append(e.type()).append("); "));
      sb.append('\n');
    }
    if (!dates.isEmpty()) {
      sb.append("Dates: ");
      dates.forEach(d -> sb.append(d.expression()).append(" = ").append(d.resolved()).append("; "));
      sb.append('\n');
    }
    if (!topics.isEmpty()) sb.append("Topics: ").append(String.join(", ", topics)).append('\n');
    return sb.append(
            "Write a knowledge summary of the evidence that an answering model will read. Keep"
                + " every fact, name and date that bears on the question. Do NOT answer the"
                + " question yourself. Reply as SUMMARY: followed by the summary.\n")
        .append(style.instruction())
        .toString();
  }

  /** The sentences a filter reply keeps (numbers out of range are ignored), in order. */
  static List<Evidence> parseKeep(String reply, List<Evidence> candidates) {
    Map<Integer, Evidence> kept = new java.util.TreeMap<>();
    Matcher m = KEEP.matcher(reply);
    while (m.find()) {
      int i = Integer.parseInt(m.group(1)) - 1;
      if (i >= 0 && i < candidates.size()) kept.put(i, candidates.get(i));
    }
    return new ArrayList<>(kept.values());
  }

  static List<EntityMention> parseEntities(String reply) {
    Map<String, EntityMention> out = new LinkedHashMap<>();
    Matcher m = ENTITY.matcher(reply);
    while (m.find()) out.putIfAbsent(m.group(1), new EntityMention(m.group(1), m.group(2).strip()));
    return new ArrayList<>(out.values());
  }

  static List<DateMention> parseDates(String reply, String source) {
    List<DateMention> out = new ArrayList<>();
    Matcher m = DATE.matcher(reply);
    while (m.find()) out.add(new DateMention(m.group(1), m.group(2).strip(), source));
    return out;
  }

  static List<String> parseTopics(String reply) {
    List<String> out = new ArrayList<>();
    Matcher m = TOPIC.matcher(reply);
    while (m.find()) if (!out.contains(m.group(1).strip())) out.add(m.group(1).strip());
    return out;
  }

  /** The text after the last {@code SUMMARY:}, or empty when there is none. */
  static String parseSummary(String reply) {
    int i = reply.lastIndexOf("SUMMARY:");
    return i < 0 ? "" : reply.substring(i + "SUMMARY:".length()).strip();
  }
}
