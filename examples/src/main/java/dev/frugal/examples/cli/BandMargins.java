package dev.frugal.examples.cli;

import dev.frugal.testbed.memory.MemoryBench;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The margins of a memory band run (docs/memory.md, "Bands (v3)"), in F1 points per assumption
 * setting: each tier router minus the fixed-tier line of its axis at the router's total cost
 * (linear in total cost between the neighbouring fixed points, the end point's F1 beyond them), and
 * each baseline minus each router. A margin is robust only when its band (min to max over settings)
 * excludes 0 (docs/testbed.md, "Bands").
 */
final class BandMargins {
  private BandMargins() {}

  /** The fixed-tier line of {@code fixed} (any order) at total cost {@code usd}. */
  static double line(List<MemoryBench.Row> fixed, double usd) {
    List<MemoryBench.Row> f = new ArrayList<>(fixed);
    f.sort(Comparator.comparingDouble(MemoryBench.Row::totalUsdPerQuery));
    if (usd <= f.get(0).totalUsdPerQuery()) return f.get(0).f1();
    for (int i = 1; i < f.size(); i++) {
      MemoryBench.Row a = f.get(i - 1);
      MemoryBench.Row b = f.get(i);
      if (usd <= b.totalUsdPerQuery()) {
        double t = (usd - a.totalUsdPerQuery()) / (b.totalUsdPerQuery() - a.totalUsdPerQuery());
        return a.f1() + t * (b.f1() - a.f1());
      }
    }
    return f.get(f.size() - 1).f1();
  }

  /** Margin name to its value at each setting, in setting order. */
  static Map<String, List<Double>> margins(
      List<MemoryBench.Row> rows, List<String> axisOf, List<Integer> settingOf) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    int settings = settingOf.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    for (int s = 0; s < settings; s++) {
      List<Integer> here = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) if (settingOf.get(i) == s) here.add(i);
      for (int i : here) {
        MemoryBench.Row r = rows.get(i);
        String axis = axisOf.get(i);
        if (r.config().startsWith("all-") || axis.equals("baseline")) continue;
        List<MemoryBench.Row> fixed = new ArrayList<>();
        for (int j : here)
          if (axisOf.get(j).equals(axis) && rows.get(j).config().startsWith("all-"))
            fixed.add(rows.get(j));
        if (!fixed.isEmpty()) {
          out.computeIfAbsent(
                  r.config() + " - fixed-tier line (" + axis + ")", k -> new ArrayList<>())
              .add(r.f1() - line(fixed, r.totalUsdPerQuery()));
        }
        for (int j : here) {
          if (!axisOf.get(j).equals("baseline")) continue;
          MemoryBench.Row b = rows.get(j);
          out.computeIfAbsent(b.config() + " - " + r.config(), k -> new ArrayList<>())
              .add(b.f1() - r.f1());
        }
      }
    }
    return out;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Comparator.naturalOrder());
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The margin table of a band run, in markdown. */
  static String table(List<MemoryBench.Row> rows, List<String> axisOf, List<Integer> settingOf) {
    Map<String, List<Double>> m = margins(rows, axisOf, settingOf);
    StringBuilder md =
        new StringBuilder(
            "\n| margin (F1 points) | setting 0 (point values) | each setting | min | median | max |"
                + " band excludes 0 |\n|---|---|---|---|---|---|---|\n");
    m.forEach(
        (name, xs) -> {
          double min = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
          double max = xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
          StringBuilder each = new StringBuilder();
          for (double x : xs) {
            if (each.length() > 0) each.append(" / ");
            each.append(String.format(Locale.ROOT, "%+.2f", x));
          }
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %+.2f | %s | %+.2f | %+.2f | %+.2f | %s |%n",
                  name,
                  xs.get(0),
                  each,
                  min,
                  median(xs),
                  max,
                  min > 0 || max < 0 ? "yes" : "no"));
        });
    return md.toString();
  }
}
