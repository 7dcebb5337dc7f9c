package dev.frugal.testbed.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.testbed.bench.FrontierChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a router evaluation as {@code results.json}, {@code results.md} and frontier pictures. */
public final class RouterReport {
  private RouterReport() {}

  /** Writes the files into {@code dir} and returns their paths. */
  public static List<Path> write(Path dir, String command, List<RouterEvaluation.Row> rows) {
    try {
      Files.createDirectories(dir);
      List<Path> out = new ArrayList<>();
      Path json = dir.resolve("results.json");
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("command", command);
      doc.put("simulated", true);
      doc.put("rows", rows);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
      out.add(json);
      Path md = dir.resolve("results.md");
      Files.writeString(md, markdown(command, rows));
      out.add(md);
      for (String ds : rows.stream().map(RouterEvaluation.Row::dataset).distinct().toList()) {
        Path png = dir.resolve("frontier-" + ds.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        frontier(ds, rows.stream().filter(r -> r.dataset().equals(ds)).toList(), png);
        out.add(png);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the router report into " + dir, e);
    }
  }

  /** The tables, one per dataset, with LARGE calls relative to always-LARGE's. */
  public static String markdown(String command, List<RouterEvaluation.Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append(
        "All models are SIMULATED (sim-small / sim-large policy simulations, not language"
            + " models). Success = exact match; mean ± sd over seeds of the per-seed means.\n\n");
    for (String ds : rows.stream().map(RouterEvaluation.Row::dataset).distinct().toList()) {
      List<RouterEvaluation.Row> rs = rows.stream().filter(r -> r.dataset().equals(ds)).toList();
      double largeRef =
          rs.stream()
              .filter(r -> r.policy().equals("always-large") && r.setting().equals("soft"))
              .mapToDouble(RouterEvaluation.Row::largeCalls)
              .findFirst()
              .orElse(Double.NaN);
      RouterEvaluation.Row first = rs.get(0);
      sb.append("### ")
          .append(ds)
          .append(" (")
          .append(first.questions())
          .append(" questions, ")
          .append(first.seeds())
          .append(" seeds)\n\n");
      sb.append(
          "| setting | policy | success (± sd) | F1 | cost USD (± sd) | LARGE calls | SMALL calls |"
              + " LARGE vs always-large |\n");
      sb.append("|---|---|---|---|---|---|---|---|\n");
      for (RouterEvaluation.Row r : rs) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.3f ± %.3f | %.3f | %.5f ± %.5f | %.2f | %.2f | %s |%n",
                r.setting() + (r.largeCap() >= 0 ? " (cap " + r.largeCap() + ")" : ""),
                r.policy(),
                r.success(),
                r.successSd(),
                r.f1(),
                r.usd(),
                r.usdSd(),
                r.largeCalls(),
                r.smallCalls(),
                Double.isNaN(largeRef) || largeRef == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * r.largeCalls() / largeRef)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void frontier(String ds, List<RouterEvaluation.Row> rows, Path png)
      throws IOException {
    FrontierChart chart = new FrontierChart();
    for (RouterEvaluation.Row r : rows) {
      String key = r.setting().equals("soft") ? r.policy() : r.policy() + " (LARGE capped)";
      chart.add(key, r.largeCalls(), r.success());
    }
    chart.save(
        png,
        "Routing frontier on " + ds + " (SIMULATED models; capped lines: 25/50/100% caps)",
        "mean LARGE calls per question",
        "success (exact match)",
        1100,
        700);
  }
}
