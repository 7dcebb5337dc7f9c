package dev.frugal.testbed.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.memory.history.Document;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Tokens;
import dev.frugal.memory.history.Turn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads testbed items: HotpotQA in the IRCoT processed format (each item's ten paragraphs become
 * its document history; the sentences of paragraphs marked supporting are its supporting sentences)
 * and LoCoMo (each conversation one dialogue history, shared by its questions; the turns named in a
 * question's evidence give its supporting sentences; adversarial category 5, which has no answer,
 * is skipped). LoCoMo is read from the path given; nothing is copied.
 */
public final class MemoryData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate HOTPOT_DATE = LocalDate.of(2018, 1, 1);
  private static final Pattern LOCOMO_DATE = Pattern.compile("(\\d{1,2}) (\\p{L}+),? (\\d{4})");

  private MemoryData() {}

  /** The items {@code from} (inclusive) to {@code to} (exclusive) of a HotpotQA jsonl file. */
  public static List<MemoryItem> hotpot(Path file, int from, int to) {
    List<MemoryItem> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      int i = 0;
      for (String line; (line = r.readLine()) != null; i++) {
        if (line.isBlank()) continue;
        if (i < from) continue;
        if (i >= to) break;
        JsonNode n = JSON.readTree(line);
        List<String> answers = new ArrayList<>();
        n.path("answers_objects")
            .forEach(a -> a.path("spans").forEach(s -> answers.add(s.asText())));
        List<Document> docs = new ArrayList<>();
        Set<String> supporting = new HashSet<>();
        for (JsonNode c : n.path("contexts")) {
          String text = c.path("paragraph_text").asText();
          docs.add(new Document(c.path("title").asText(), text, HOTPOT_DATE));
          if (c.path("is_supporting").asBoolean()) supporting.addAll(Tokens.sentences(text));
        }
        boolean yesNo =
            answers.stream().anyMatch(a -> a.equalsIgnoreCase("yes") || a.equalsIgnoreCase("no"));
        out.add(
            new MemoryItem(
                n.path("question_id").asText(),
                n.path("question_text").asText(),
                answers,
                new History.Documents(docs),
                supporting,
                yesNo ? "yes/no" : "span"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read HotpotQA items from " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The questions (categories 1 to 4) of the first {@code conversations} LoCoMo conversations. */
  public static List<MemoryItem> locomo(
      Path file, int conversations, int questionsPerConversation) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read LoCoMo from "
              + file
              + " ("
              + e.getMessage()
              + "); give the path of"
              + " locomo10.json, e.g. ../shared/data/locomo/locomo10.json",
          e);
    }
    List<MemoryItem> out = new ArrayList<>();
    for (int ci = 0; ci < Math.min(conversations, root.size()); ci++) {
      JsonNode conv = root.get(ci);
      JsonNode c = conv.path("conversation");
      List<Turn> turns = new ArrayList<>();
      Map<String, String> byDia = new HashMap<>();
      for (int s = 1; c.has("session_" + s); s++) {
        LocalDate date = date(c.path("session_" + s + "_date_time").asText(), file);
        for (JsonNode t : c.path("session_" + s)) {
          String text = t.path("text").asText("");
          if (t.has("blip_caption"))
            text = text + " [shares a photo of " + t.path("blip_caption").asText() + "]";
          turns.add(new Turn(s - 1, date, t.path("speaker").asText("?"), text));
          byDia.put(t.path("dia_id").asText(), text);
        }
      }
      History history = new History.Dialogue(turns);
      int taken = 0;
      for (JsonNode qa : conv.path("qa")) {
        int cat = qa.path("category").asInt();
        if (cat == 5 || !qa.has("answer")) continue;
        if (taken++ >= questionsPerConversation) break;
        Set<String> supporting = new HashSet<>();
        for (JsonNode ev : qa.path("evidence")) {
          String t = byDia.get(ev.asText());
          if (t != null) supporting.addAll(Tokens.sentences(t));
        }
        out.add(
            new MemoryItem(
                conv.path("sample_id").asText() + "#" + taken,
                qa.path("question").asText(),
                List.of(qa.path("answer").asText()),
                history,
                supporting,
                "category " + cat));
      }
    }
    return out;
  }

  private static LocalDate date(String text, Path file) {
    Matcher m = LOCOMO_DATE.matcher(text);
    if (!m.find())
      throw new IllegalArgumentException("unreadable session date '" + text + "' in " + file);
    String month = m.group(2).toUpperCase(Locale.ROOT);
    for (Month mo : Month.values()) {
      if (mo.name().startsWith(month.substring(0, 3))) {
        return LocalDate.of(Integer.parseInt(m.group(3)), mo, Integer.parseInt(m.group(1)));
      }
    }
    throw new IllegalArgumentException("unknown month in '" + text + "' in " + file);
  }
}
