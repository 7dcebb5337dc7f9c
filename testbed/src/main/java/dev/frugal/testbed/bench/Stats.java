package dev.frugal.testbed.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Aggregates episodes into result rows. */
final class Stats {
  private Stats() {}

  static List<ResultRow> rows(Collection<Episode> episodes, Map<String, Boolean> simulatedByModel) {
    return rows(episodes, simulatedByModel, Map.of());
  }

  /**
   * Rows per dataset x strategy x model x budget x assumption setting; {@code assumptions} gives
   * each (model, setting)'s parameter values (keyed by {@code List.of(model, setting)}).
   */
  static List<ResultRow> rows(
      Collection<Episode> episodes,
      Map<String, Boolean> simulatedByModel,
      Map<List<Object>, Map<String, Double>> assumptions) {
    Map<List<Object>, List<Episode>> cells = new LinkedHashMap<>();
    for (Episode e : episodes) {
      cells
          .computeIfAbsent(
              List.of(e.dataset(), e.strategy(), e.model(), e.budget(), e.setting()),
              k -> new ArrayList<>())
          .add(e);
    }
    List<ResultRow> rows = new ArrayList<>();
    for (List<Episode> cell : cells.values()) {
      Episode first = cell.get(0);
      Map<Integer, List<Episode>> bySeed =
          cell.stream()
              .collect(Collectors.groupingBy(Episode::seed, TreeMap::new, Collectors.toList()));
      double[] em = perSeed(bySeed, Episode::exactMatch);
      double[] f1 = perSeed(bySeed, Episode::f1);
      double[] usd = perSeed(bySeed, Episode::usd);
      Map<String, Double> calls = new TreeMap<>();
      for (Episode e : cell)
        e.modelCalls().forEach((m, n) -> calls.merge(m, (double) n, Double::sum));
      calls.replaceAll((m, n) -> n / cell.size());
      rows.add(
          new ResultRow(
              first.dataset(),
              first.strategy(),
              first.model(),
              simulatedByModel.getOrDefault(first.model(), false),
              first.budget(),
              (int) cell.stream().map(Episode::questionId).distinct().count(),
              bySeed.size(),
              Sample.mean(em),
              Sample.sd(em),
              Sample.mean(f1),
              Sample.sd(f1),
              Sample.mean(usd),
              Sample.sd(usd),
              cell.stream().mapToDouble(Episode::toolUnits).average().orElse(0),
              cell.stream().mapToDouble(Episode::tokens).average().orElse(0),
              calls,
              cell.stream().mapToDouble(Episode::steps).average().orElse(0),
              first.setting(),
              assumptions.getOrDefault(List.of(first.model(), first.setting()), Map.of())));
    }
    return rows;
  }

  private static double[] perSeed(Map<Integer, List<Episode>> bySeed, ToDoubleFunction<Episode> f) {
    return bySeed.values().stream()
        .mapToDouble(es -> es.stream().mapToDouble(f).average().orElse(0))
        .toArray();
  }
}
