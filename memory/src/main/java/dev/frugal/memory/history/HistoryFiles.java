package dev.frugal.memory.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a history from a JSON file, either a conversation
 *
 * <pre>
 * {@code {"sessions": [{"date": "2023-05-08", "turns": [{"speaker": "Maria", "text": "..."}]}]}}
 * </pre>
 *
 * or documents
 *
 * <pre>{@code {"date": "2024-01-31", "documents": [{"title": "...", "text": "..."}]}}</pre>
 *
 * (a document may carry its own {@code date}; without any, today's date is used). Errors name the
 * file, the place and what would be valid.
 */
public final class HistoryFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryFiles() {}

  /** Reads a history file (the shapes above); errors name the place and the valid shape. */
  public static History read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no history file at " + file);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is not valid JSON (" + e.getMessage() + "); " + shape(), e);
    }
    return parse(root, file.toString());
  }

  /** Parses an already-read JSON tree; {@code where} names it in errors. */
  public static History parse(JsonNode root, String where) {
    if (root != null && root.has("sessions")) {
      List<Turn> turns = new ArrayList<>();
      JsonNode sessions = array(root.get("sessions"), where + " 'sessions'");
      for (int i = 0; i < sessions.size(); i++) {
        JsonNode s = object(sessions.get(i), where + " sessions[" + i + "]");
        LocalDate date = date(s.get("date"), where + " sessions[" + i + "].date");
        JsonNode ts = s.get("turns");
        if (ts == null || !ts.isArray()) {
          throw new IllegalArgumentException(
              where + " sessions[" + i + "] has no turns array; " + shape());
        }
        for (int j = 0; j < ts.size(); j++) {
          JsonNode t = object(ts.get(j), where + " sessions[" + i + "].turns[" + j + "]");
          String speaker = t.path("speaker").asText("");
          if (speaker.isBlank()) {
            throw new IllegalArgumentException(
                where + " sessions[" + i + "].turns[" + j + "] has no speaker; " + shape());
          }
          turns.add(new Turn(i, date, speaker, t.path("text").asText("")));
        }
      }
      return new History.Dialogue(turns);
    }
    if (root != null && root.has("documents")) {
      LocalDate base = root.has("date") ? date(root.get("date"), where + " date") : LocalDate.now();
      List<Document> docs = new ArrayList<>();
      JsonNode ds = array(root.get("documents"), where + " 'documents'");
      for (int i = 0; i < ds.size(); i++) {
        JsonNode d = object(ds.get(i), where + " documents[" + i + "]");
        if (!d.hasNonNull("text")) {
          throw new IllegalArgumentException(
              where + " documents[" + i + "] has no text; " + shape());
        }
        LocalDate date =
            d.has("date") ? date(d.get("date"), where + " documents[" + i + "].date") : base;
        docs.add(new Document(d.path("title").asText(""), d.get("text").asText(), date));
      }
      return new History.Documents(docs);
    }
    throw new IllegalArgumentException(
        where + " holds neither 'sessions' nor 'documents'; " + shape());
  }

  private static JsonNode array(JsonNode n, String where) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException(
          where + " must be an array, got " + kind(n) + "; " + shape());
    }
    return n;
  }

  private static JsonNode object(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          where + " must be an object, got " + kind(n) + "; " + shape());
    }
    return n;
  }

  private static String kind(JsonNode n) {
    return n == null
        ? "nothing"
        : "a " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static LocalDate date(JsonNode n, String where) {
    String v = n == null ? "" : n.asText("");
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + " is '" + v + "'; give an ISO date such as 2023-05-08");
    }
  }

  private static String shape() {
    return "expected {\"sessions\": [{\"date\": \"2023-05-08\", \"turns\": [{\"speaker\": \"...\","
        + " \"text\": \"...\"}]}]} or {\"documents\": [{\"title\": \"...\", \"text\": \"...\"}]}";
  }
}
