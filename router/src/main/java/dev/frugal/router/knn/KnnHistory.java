package dev.frugal.router.knn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A fitted kNN history: the embedded logged questions with what each model did on them, the name
 * and width of the embedding that produced the vectors, and the {@link KnnSettings} to route with.
 *
 * <p>File format (docs/extras.md, "The V0-style router"), JSON lines: a header {@code {"format":
 * "frugal-knn-history", "version": 1, "embedding": NAME, "dimension": D, "k": K, "prior": P,
 * "lambda": L}}, then one line per question {@code {"questionId": ID, "embedding": [D numbers],
 * "outcomes": {MODEL: {"success": S, "usd": C, "episodes": N}, ...}}}. Reading a file that is not
 * one says which line is wrong and what was expected there.
 */
public final class KnnHistory {
  /** The header's {@code format} value. */
  public static final String FORMAT = "frugal-knn-history";

  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String embedding;
  private final int dimension;
  private final KnnSettings settings;
  private final List<LoggedQuestion> questions;

  /**
   * @param embedding the name of the embedding that produced the vectors (e.g. {@code
   *     all-minilm-l6-v2}); queries must use the same one
   * @param dimension the vectors' length
   * @param settings the parameters to route with
   * @param questions the logged questions; at least one, every vector {@code dimension} long
   */
  public KnnHistory(
      String embedding, int dimension, KnnSettings settings, List<LoggedQuestion> questions) {
    this.embedding = Objects.requireNonNull(embedding, "embedding");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (dimension < 1)
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    this.dimension = dimension;
    if (questions == null || questions.isEmpty()) {
      throw new IllegalArgumentException(
          "a kNN history needs at least one logged question with an outcome");
    }
    for (LoggedQuestion q : questions) {
      if (q.embedding().length != dimension) {
        throw new IllegalArgumentException(
            "question "
                + q.questionId()
                + " has an embedding of "
                + q.embedding().length
                + " values; the history's dimension is "
                + dimension);
      }
    }
    this.questions = List.copyOf(questions);
  }

  /** The name of the embedding that produced the vectors. */
  public String embedding() {
    return embedding;
  }

  /** The vectors' length. */
  public int dimension() {
    return dimension;
  }

  /** The parameters to route with. */
  public KnnSettings settings() {
    return settings;
  }

  /** The same history routed with other parameters. */
  public KnnHistory withSettings(KnnSettings s) {
    return new KnnHistory(embedding, dimension, s, questions);
  }

  /** The logged questions, in the order they were fitted. */
  public List<LoggedQuestion> questions() {
    return questions;
  }

  /** The models with at least one outcome, sorted by name. */
  public List<String> models() {
    TreeSet<String> out = new TreeSet<>();
    for (LoggedQuestion q : questions) out.addAll(q.outcomes().keySet());
    return List.copyOf(out);
  }

  /** Writes this history to {@code file} (parent folders created). */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("version", VERSION);
        h.put("embedding", embedding);
        h.put("dimension", dimension);
        h.put("k", settings.k());
        h.put("prior", settings.prior());
        h.put("lambda", settings.lambda());
        w.write(JSON.writeValueAsString(h));
        w.write('\n');
        for (LoggedQuestion q : questions) {
          ObjectNode line = JSON.createObjectNode();
          line.put("questionId", q.questionId());
          ArrayNode e = line.putArray("embedding");
          for (float x : q.embedding()) e.add(x);
          ObjectNode os = line.putObject("outcomes");
          q.outcomes()
              .forEach(
                  (m, o) -> {
                    ObjectNode n = os.putObject(m);
                    n.put("success", o.success());
                    n.put("usd", o.usd());
                    n.put("episodes", o.episodes());
                  });
          w.write(JSON.writeValueAsString(line));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the kNN history " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a history {@link #write} wrote.
   *
   * @throws IllegalArgumentException when the file is missing (saying how to fit one), or is not a
   *     history: the message names the line and what was expected there
   */
  public static KnnHistory read(Path file) {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file)) {
      lines = r.lines().toList();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no kNN history at "
              + file
              + "; fit one from logged episodes with './frugal router fit-knn --from"
              + " EPISODES.jsonl --out "
              + file
              + "'");
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          "cannot read the kNN history " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new IllegalArgumentException(
          file + " is empty; expected a kNN history written by './frugal router fit-knn'");
    }
    JsonNode h = object(file, 1, lines.get(0));
    if (!FORMAT.equals(h.path("format").asText(null))) {
      throw bad(
          file,
          1,
          "a header with \"format\": \""
              + FORMAT
              + "\" (a kNN history written by './frugal router fit-knn'), got "
              + cut(lines.get(0)));
    }
    int version = h.path("version").asInt(-1);
    if (version != VERSION) {
      throw bad(file, 1, "\"version\": " + VERSION + ", got " + h.path("version"));
    }
    String embedding = text(file, 1, h, "embedding");
    int dimension = (int) number(file, 1, h, "dimension");
    KnnSettings settings;
    try {
      settings =
          new KnnSettings(
              (int) number(file, 1, h, "k"),
              number(file, 1, h, "prior"),
              number(file, 1, h, "lambda"));
    } catch (IllegalArgumentException e) {
      throw bad(file, 1, "valid settings: " + e.getMessage());
    }
    List<LoggedQuestion> qs = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String s = lines.get(i);
      if (s.isBlank()) continue;
      int n = i + 1;
      JsonNode line = object(file, n, s);
      String id = text(file, n, line, "questionId");
      JsonNode e = line.get("embedding");
      if (e == null || !e.isArray() || e.size() != dimension) {
        throw bad(
            file,
            n,
            "\"embedding\": an array of "
                + dimension
                + " numbers (the header's dimension), got "
                + (e == null ? "none" : e.isArray() ? e.size() + " values" : e.getNodeType()));
      }
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        if (!e.get(j).isNumber()) throw bad(file, n, "numbers in \"embedding\", got " + e.get(j));
        v[j] = (float) e.get(j).asDouble();
      }
      JsonNode os = line.get("outcomes");
      if (os == null || !os.isObject() || os.isEmpty()) {
        throw bad(file, n, "\"outcomes\": an object of MODEL: {success, usd, episodes}, got " + os);
      }
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      var it = os.fields();
      while (it.hasNext()) {
        var f = it.next();
        JsonNode o = f.getValue();
        try {
          outcomes.put(
              f.getKey(),
              new Outcome(
                  number(file, n, o, "success"),
                  number(file, n, o, "usd"),
                  (int) number(file, n, o, "episodes")));
        } catch (IllegalArgumentException ex) {
          if (ex.getMessage().startsWith(file + " line")) throw ex;
          throw bad(file, n, "a valid outcome for model " + f.getKey() + ": " + ex.getMessage());
        }
      }
      qs.add(new LoggedQuestion(id, v, outcomes));
    }
    if (qs.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + " has a header but no logged questions; refit it from episodes that ran: './frugal"
              + " router fit-knn --from EPISODES.jsonl'");
    }
    return new KnnHistory(embedding, dimension, settings, qs);
  }

  private static JsonNode object(Path file, int n, String s) {
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (IOException e) {
      throw bad(file, n, "one JSON object, got " + cut(s));
    }
    if (node == null || !node.isObject()) throw bad(file, n, "one JSON object, got " + cut(s));
    return node;
  }

  private static String text(Path file, int n, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw bad(file, n, "\"" + field + "\" as non-empty text, got " + v);
    }
    return v.asText();
  }

  private static double number(Path file, int n, JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isNumber()) throw bad(file, n, "\"" + field + "\" as a number, got " + v);
    return v.asDouble();
  }

  private static IllegalArgumentException bad(Path file, int n, String expected) {
    return new IllegalArgumentException(file + " line " + n + ": expected " + expected);
  }

  private static String cut(String s) {
    String t = s.strip();
    return "'" + (t.length() > 60 ? t.substring(0, 60) + "..." : t) + "'";
  }
}
