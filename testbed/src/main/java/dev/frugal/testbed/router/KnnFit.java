package dev.frugal.testbed.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.router.knn.KnnHistory;
import dev.frugal.router.knn.KnnSettings;
import dev.frugal.router.knn.LoggedQuestion;
import dev.frugal.router.knn.Outcome;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fits a kNN history from logged episodes ({@code ./frugal router fit-knn}, docs/extras.md, "The
 * V0-style router"): reads the lines {@code ./frugal bench --episodes FILE} writes
 * (docs/testbed.md, "Per-episode output"), keeps for each question and model the share of its
 * episodes with an exact match above 0 and their mean cost, and embeds each question's text from
 * the dataset the episodes ran on. A routed pair's episodes count as the model that answered them
 * only for {@code always-small} (SMALL) and {@code always-large} (LARGE); episodes of other routing
 * policies mix two models and are skipped (counted in the summary).
 */
public final class KnnFit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROUTED = Pattern.compile("router:([^()]+)\\(([^/()]+)/([^/()]+)\\)");

  private KnnFit() {}

  /**
   * What a fit produced.
   *
   * @param history the fitted history
   * @param episodes the episode lines used
   * @param skipped episodes skipped, by model name (routed policies that mix models)
   * @param strategies the strategies the used episodes ran, with their counts
   */
  public record Result(
      KnnHistory history,
      int episodes,
      Map<String, Integer> skipped,
      Map<String, Integer> strategies) {}

  /** One question and model, summed over its episodes. */
  static final class Tally {
    int episodes;
    int successes;
    double usd;
  }

  /** The parsed episodes: question id, then model, then what its episodes did. */
  record Parsed(
      Map<String, Map<String, Tally>> byQuestion,
      int episodes,
      Map<String, Integer> skipped,
      Map<String, Integer> strategies) {}

  /**
   * Fits a history from the episodes in {@code file}.
   *
   * @param dataset the dataset the episodes ran on (it gives each question's text)
   * @param embedding embeds a question's text
   * @param embeddingName the embedding's name, recorded in the history
   * @throws IllegalArgumentException when the file is missing, empty, has a line that is not an
   *     episode (naming the line and what was expected), or names a question not in {@code dataset}
   */
  public static Result fit(
      Path file,
      Dataset dataset,
      Function<String, float[]> embedding,
      String embeddingName,
      KnnSettings settings) {
    Map<String, Question> known = new LinkedHashMap<>();
    for (Question q : dataset.questions()) known.put(q.id(), q);
    Parsed p = parse(file, known, dataset.name());
    List<LoggedQuestion> qs = new ArrayList<>();
    int dimension = -1;
    for (var e : p.byQuestion().entrySet()) {
      float[] v = embedding.apply(known.get(e.getKey()).text());
      if (dimension < 0) dimension = v.length;
      Map<String, Outcome> outcomes = new TreeMap<>();
      e.getValue()
          .forEach(
              (m, t) ->
                  outcomes.put(
                      m,
                      new Outcome(
                          (double) t.successes / t.episodes, t.usd / t.episodes, t.episodes)));
      qs.add(new LoggedQuestion(e.getKey(), v, outcomes));
    }
    return new Result(
        new KnnHistory(embeddingName, dimension, settings, qs),
        p.episodes(),
        p.skipped(),
        p.strategies());
  }

  /** Reads and checks the episode lines (no embedding). */
  static Parsed parse(Path file, Map<String, Question> known, String datasetName) {
    Map<String, Map<String, Tally>> by = new LinkedHashMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Map<String, Integer> strategies = new TreeMap<>();
    int used = 0;
    int lines = 0;
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String s;
      int n = 0;
      while ((s = r.readLine()) != null) {
        n++;
        if (s.isBlank()) continue;
        lines++;
        JsonNode e;
        try {
          e = JSON.readTree(s);
        } catch (IOException ex) {
          e = null;
        }
        if (e == null || !e.isObject()) {
          throw bad(
              file,
              n,
              "one JSON object per line, as 'frugal bench --episodes' writes, got " + cut(s));
        }
        String id = text(file, n, e, "questionId");
        String model = text(file, n, e, "model");
        double em = number(file, n, e, "em");
        double usd = number(file, n, e, "usd");
        if (em < 0 || em > 1) throw bad(file, n, "\"em\" in [0, 1], got " + em);
        if (usd < 0) throw bad(file, n, "\"usd\" >= 0, got " + usd);
        if (!known.containsKey(id)) {
          throw bad(
              file,
              n,
              "a question of the dataset '"
                  + datasetName
                  + "' ("
                  + known.size()
                  + " questions), got questionId '"
                  + id
                  + "'; give the dataset the episodes ran on with --dataset");
        }
        String single = singleModel(model);
        if (single == null) {
          skipped.merge(model, 1, Integer::sum);
          continue;
        }
        Tally t =
            by.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(single, k -> new Tally());
        t.episodes++;
        if (em > 0) t.successes++;
        t.usd += usd;
        used++;
        strategies.merge(e.path("strategy").asText("unknown"), 1, Integer::sum);
      }
    } catch (NoSuchFileException ex) {
      throw new IllegalArgumentException(
          "no episodes file at "
              + file
              + "; write one with './frugal bench --models"
              + " router:sim-small/sim-large:always-small,router:sim-small/sim-large:always-large"
              + " --episodes "
              + file
              + "'");
    } catch (IOException | UncheckedIOException ex) {
      throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
    }
    if (lines == 0) {
      throw new IllegalArgumentException(
          file
              + " holds no episodes; expected one JSON line per episode, as './frugal bench"
              + " --episodes FILE' writes");
    }
    if (used == 0) {
      throw new IllegalArgumentException(
          file
              + " holds "
              + lines
              + " episodes but none of a single model (only routed policies that mix two: "
              + skipped.keySet()
              + "); log the models alone, e.g. router:SMALL/LARGE:always-small and"
              + " router:SMALL/LARGE:always-large, or the plain model names");
    }
    return new Parsed(by, used, skipped, strategies);
  }

  /**
   * The model that answered every call of an episode logged under {@code model}: the model itself,
   * SMALL of an always-small routed pair, LARGE of an always-large one; null for other policies.
   */
  static String singleModel(String model) {
    if (!model.startsWith("router:")) return model;
    Matcher m = ROUTED.matcher(model);
    if (!m.matches()) return null;
    return switch (m.group(1)) {
      case "always-small" -> m.group(2);
      case "always-large" -> m.group(3);
      default -> null;
    };
  }

  private static String text(Path file, int n, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw bad(file, n, "\"" + field + "\" as non-empty text, got " + v);
    }
    return v.asText();
  }

  private static double number(Path file, int n, JsonNode node, String field) {
    JsonNode v = node.get(field);
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
