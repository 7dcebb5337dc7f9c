package dev.frugal.testbed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.RunResult;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-episode output of {@code frugal bench --episodes FILE} (docs/testbed.md, "Per-episode
 * output"): one JSON object per line with {@code questionId, strategy, model, budget, seed,
 * setting, em, f1, answer, forced, verdicts, callsByPurpose, units, usd, answerSourceTitles}.
 */
public final class EpisodeLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECISION = Pattern.compile("\\b(SUCCESS|CONTINUE|PIVOT)\\b");

  private EpisodeLines() {}

  /**
   * Checks, before any episode runs, that {@code file} can be written: its folder is created when
   * missing and the file is opened for writing once (left empty), so that a sweep never runs to its
   * end only to find that its per-episode lines have nowhere to go.
   *
   * @throws IllegalArgumentException naming the file, what went wrong and what would be valid
   */
  public static void prepare(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      if (Files.isDirectory(absolute)) {
        throw new IOException("it is a folder");
      }
      Path parent = absolute.getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.newBufferedWriter(absolute).close();
    } catch (IOException e) {
      String why =
          e instanceof java.nio.file.FileAlreadyExistsException
              ? e.getMessage() + " is a file, not a folder"
              : e.getMessage();
      throw new IllegalArgumentException(
          "--episodes "
              + file
              + " cannot be written ("
              + why
              + "); give a file path in a folder you can write, e.g. target/episodes.jsonl");
    }
  }

  /** Writes {@code episodes} to {@code file}, one JSON line each (parent folders created). */
  public static void write(Path file, Collection<Episode> episodes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        for (Episode e : episodes) {
          w.write(JSON.writeValueAsString(line(e)));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the episodes file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The fields of one line, in the documented order. */
  static Map<String, Object> line(Episode e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("questionId", e.questionId());
    m.put("strategy", e.strategy());
    m.put("model", e.model());
    m.put("budget", e.budget());
    m.put("seed", e.seed());
    m.put("setting", e.setting());
    m.put("em", e.exactMatch());
    m.put("f1", e.f1());
    m.put("answer", e.answer());
    m.put("forced", e.forced());
    m.put("verdicts", e.verdicts());
    m.put("callsByPurpose", new TreeMap<>(e.callsByPurpose()));
    m.put("units", new TreeMap<>(e.units()));
    m.put("usd", e.usd());
    m.put("answerSourceTitles", e.answerSourceTitles());
    return m;
  }

  /** The verifier's decisions of a run, in order, from its "verify" notes. */
  static List<String> verdicts(RunResult r) {
    List<String> out = new ArrayList<>();
    for (RunEvent ev : r.trace()) {
      if (ev instanceof RunEvent.Note n && "verify".equals(n.kind())) {
        Matcher m = DECISION.matcher(n.text());
        if (m.find()) out.add(m.group(1));
      }
    }
    return List.copyOf(out);
  }

  /** Model calls of a run by purpose. */
  static Map<String, Long> callsByPurpose(RunResult r) {
    Map<String, Long> out = new TreeMap<>();
    for (RunEvent ev : r.trace()) {
      if (ev instanceof RunEvent.ModelCalled c) {
        out.merge(c.purpose() == null ? "unknown" : c.purpose(), 1L, Long::sum);
      }
    }
    return Map.copyOf(out);
  }

  /**
   * The titles of the question's paragraphs whose text holds {@code answer} (case-insensitively, as
   * a whole phrase): where the answer text can have been read from. Empty for yes/no, "unknown" or
   * a blank answer. Reads paragraph titles and text only, never labels or gold answers.
   */
  static List<String> sourceTitles(String answer, Question q) {
    String a = answer.strip().toLowerCase(Locale.ROOT);
    if (a.isEmpty() || a.matches("yes|no|unknown|none")) return List.of();
    Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(a) + "(?![\\p{L}\\p{N}])");
    List<String> out = new ArrayList<>();
    for (ContextParagraph c : q.paragraphs()) {
      String text = (c.title() + "\n" + c.text()).toLowerCase(Locale.ROOT);
      if (p.matcher(text).find() && !out.contains(c.title())) out.add(c.title());
    }
    return List.copyOf(out);
  }
}
