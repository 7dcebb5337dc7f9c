package dev.frugal.testbed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.tools.corpus.RetrievalHeadroom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a sweep's results: {@code results.json}, {@code results.md} and {@code frontier.png}. */
public final class BenchReport {
  private BenchReport() {}

  /**
   * Checks, before a sweep starts, that its results can be written into {@code dir}: the folder is
   * created when missing and must be writable, so that a long sweep is not lost at its end.
   *
   * @throws IllegalArgumentException naming the folder, what went wrong and what would be valid
   */
  public static void prepare(Path dir) {
    String why;
    try {
      Files.createDirectories(dir);
      why = Files.isWritable(dir) ? null : "it is not writable";
    } catch (java.nio.file.FileAlreadyExistsException e) {
      why = e.getMessage() + " is a file, not a folder";
    } catch (IOException e) {
      why = e.getMessage();
    }
    if (why != null) {
      throw new IllegalArgumentException(
          "--out "
              + dir
              + " cannot hold the results ("
              + why
              + "); give a folder you can write, e.g. target/bench");
    }
  }

  /** Writes the three files into {@code dir} (created if needed) and returns their paths. */
  public static List<Path> write(Path dir, String command, BenchHarness.Outcome o) {
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve("results.json");
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("command", command);
      doc.put("simulated", o.rows().stream().anyMatch(ResultRow::simulated));
      doc.put("seconds", o.seconds());
      doc.put("episodesPerSecond", o.episodesPerSecond());
      doc.put("retrievalHeadroom", o.headroom());
      doc.put("rows", o.rows());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
      Path md = dir.resolve("results.md");
      Files.writeString(md, markdown(command, o));
      Path png = dir.resolve("frontier.png");
      frontier(o.rows(), png);
      return List.of(json, md, png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The results as a Markdown table, one per dataset. */
  public static String markdown(String command, BenchHarness.Outcome o) {
    StringBuilder sb = new StringBuilder();
    sb.append("Command: `").append(command).append("`\n\n");
    if (o.rows().stream().anyMatch(ResultRow::simulated)) {
      sb.append(
          "Models marked *(sim)* are **simulated** (a policy simulator with a declared skill profile,"
              + " not a language model).\n\n");
    }
    for (Map.Entry<String, RetrievalHeadroom> h : o.headroom().entrySet()) {
      RetrievalHeadroom r = h.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "**%s** (%d questions): the question alone as a query retrieves a supporting paragraph in"
                  + " the top 1 / 5 / 10 for %.2f / %.2f / %.2f of questions, and ALL supporting"
                  + " paragraphs in the top 5 / 10 for %.2f / %.2f.%n%n",
              h.getKey(),
              r.questions(),
              r.anySupportingAt1(),
              r.anySupportingAt5(),
              r.anySupportingAt10(),
              r.allSupportingAt5(),
              r.allSupportingAt10()));
      sb.append(
          "| strategy | model | budget | n | seeds | EM (± sd) | F1 (± sd) | cost USD (± sd) | tool units |"
              + " tokens | E3 | calls/model | steps |\n");
      sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (ResultRow r2 : o.rows()) {
        if (!r2.dataset().equals(h.getKey())) continue;
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s%s%s | %d | %d | %d | %.3f ± %.3f | %.3f ± %.3f | %.5f ± %.5f | %.1f | %.0f | %s | %s |"
                    + " %.1f |%n",
                r2.strategy(),
                r2.model(),
                r2.simulated() ? " (sim)" : "",
                r2.setting() == 0 ? "" : " [setting " + r2.setting() + "]",
                r2.budget(),
                r2.questions(),
                r2.seeds(),
                r2.em(),
                r2.emSd(),
                r2.f1(),
                r2.f1Sd(),
                r2.usd(),
                r2.usdSd(),
                r2.toolUnits(),
                r2.tokens(),
                e3(r2.em(), r2.tokens()),
                calls(r2.callsPerModel()),
                r2.steps()));
      }
      sb.append('\n');
    }
    sb.append(bands(o.rows()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%d episodes in %.1f s (%.0f episodes/s).%n",
            o.episodes().size(),
            o.seconds(),
            o.episodesPerSecond()));
    return sb.toString();
  }

  /**
   * The band table (docs/testbed.md, "Bands"), when the rows ran under more than one assumption
   * setting: for each dataset, model and budget, each strategy's EM minus the first strategy's, per
   * setting, as min / median / max over settings and the point value (setting 0); robust only when
   * the band excludes 0. Empty with one setting.
   */
  public static String bands(List<ResultRow> rows) {
    long settings = rows.stream().mapToInt(ResultRow::setting).distinct().count();
    if (settings < 2 || rows.isEmpty()) return "";
    List<String> strategies = rows.stream().map(ResultRow::strategy).distinct().toList();
    if (strategies.size() < 2) return "";
    String base = strategies.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Margins over %d assumption settings (EM points, strategy minus %s; setting 0 = point"
                + " values; robust = the band excludes 0):%n%n",
            settings,
            base));
    sb.append("| dataset | model | budget | margin | point | min | median | max | robust |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    Map<List<Object>, ResultRow> byKey = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      byKey.put(List.of(r.dataset(), r.model(), r.budget(), r.strategy(), r.setting()), r);
    }
    List<List<Object>> cells =
        rows.stream()
            .map(r -> List.<Object>of(r.dataset(), r.model(), r.budget()))
            .distinct()
            .toList();
    for (List<Object> cell : cells) {
      for (String s : strategies.subList(1, strategies.size())) {
        List<Double> margins = new java.util.ArrayList<>();
        Double point = null;
        for (ResultRow r : rows) {
          if (!List.of(r.dataset(), r.model(), r.budget()).equals(cell)) continue;
          if (!r.strategy().equals(s)) continue;
          ResultRow b = byKey.get(List.of(r.dataset(), r.model(), r.budget(), base, r.setting()));
          if (b == null) continue;
          double m = 100 * (r.em() - b.em());
          margins.add(m);
          if (r.setting() == 0) point = m;
        }
        if (margins.isEmpty()) continue;
        java.util.Collections.sort(margins);
        double min = margins.get(0);
        double max = margins.get(margins.size() - 1);
        int n = margins.size();
        double median =
            n % 2 == 1 ? margins.get(n / 2) : (margins.get(n / 2 - 1) + margins.get(n / 2)) / 2;
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s - %s | %s | %+.1f | %+.1f | %+.1f | %s |%n",
                cell.get(0),
                cell.get(1),
                cell.get(2),
                s,
                base,
                point == null ? "-" : String.format(Locale.ROOT, "%+.1f", point),
                min,
                median,
                max,
                min > 0 || max < 0 ? "yes" : "no"));
      }
    }
    sb.append('\n');
    return sb.toString();
  }

  /**
   * E3 = accuracy² / tokens, the efficiency-aware score of "Plan and Budget" (arXiv 2505.16122),
   * with exact match as the accuracy and the mean tokens per question; shown per 1000 tokens.
   */
  static String e3(double em, double tokens) {
    return tokens > 0 ? String.format(Locale.ROOT, "%.4f", em * em / tokens * 1000) : "-";
  }

  private static String calls(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", k, v)));
    return sb.toString();
  }

  /**
   * Cost (x) against exact match (y): one line per dataset x strategy x model, a point per budget.
   */
  static void frontier(List<ResultRow> rows, Path png) throws IOException {
    FrontierChart chart = new FrontierChart();
    boolean many = rows.stream().map(ResultRow::dataset).distinct().count() > 1;
    for (ResultRow r : rows) {
      if (r.setting() != 0) continue; // the frontier shows the point values
      String key =
          (many ? r.dataset() + " " : "")
              + r.strategy()
              + " / "
              + r.model()
              + (r.simulated() ? " (sim)" : "");
      chart.add(key, r.usd() * 100, r.em());
    }
    chart.save(
        png,
        "Cost-accuracy frontier (points: budget per tool)",
        "mean unified cost per question (US cents)",
        "exact match",
        1000,
        640);
  }
}
