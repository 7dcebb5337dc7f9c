package dev.frugal.examples.cli;

import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.memory.routing.TierRouter;
import dev.frugal.testbed.bench.AssumptionBand;
import dev.frugal.testbed.memory.Baseline;
import dev.frugal.testbed.memory.MemoryAssumptions;
import dev.frugal.testbed.memory.MemoryBench;
import dev.frugal.testbed.memory.MemoryData;
import dev.frugal.testbed.memory.MemoryItem;
import dev.frugal.testbed.memory.ReaderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frugal memory bench}: fixed tiers per axis against learned tier routers. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the memory on HotpotQA (paragraphs as documents) or LoCoMo (read from --locomo;"
            + " never copied) with SIMULATED models: F1, $/query and tiers for all-LOW/MID/HIGH per"
            + " axis, for each --router and each --baselines entry; writes results.csv and"
            + " frontier.png to --out.")
final class MemoryBenchCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "hotpot", description = "hotpot (default) or locomo")
  String data;

  @Option(
      names = "--hotpot",
      defaultValue = "../shared/data/hotpotqa/dev500.jsonl",
      description = "HotpotQA dev jsonl")
  Path hotpot;

  @Option(names = "--locomo", description = "path of locomo10.json (required with --data locomo)")
  Path locomo;

  @Option(
      names = "--items",
      defaultValue = "300-500",
      description = "HotpotQA item range FROM-TO (default 300-500, held out from training)")
  String items;

  @Option(names = "--conversations", defaultValue = "2", description = "LoCoMo conversations")
  int conversations;

  @Option(
      names = "--questions",
      defaultValue = "60",
      description = "LoCoMo questions per conversation")
  int questions;

  @Option(
      names = "--axes",
      defaultValue = "implementation,reasoning,capacity",
      description = "axes with fixed-tier rows (empty: none, e.g. for baselines only)")
  String axes;

  @Option(
      names = "--router",
      description = "LABEL=AXIS=DIR of a trained router, or LABEL=AXIS=default; repeatable")
  List<String> routers = new ArrayList<>();

  @Option(
      names = "--retrieval",
      defaultValue = "hybrid",
      description =
          "hybrid (default: BM25 + embedding, reciprocal rank fusion), embedding (the paper's)"
              + " or bm25")
  String retrieval;

  @Option(
      names = "--chunk-tokens",
      description = "tokens per chunk (default: 256 for dialogue, 1,024 for documents)")
  Integer chunkTokens;

  @Option(names = "--top-k", defaultValue = "5", description = "chunks retrieved per query")
  int topK;

  @Option(
      names = "--candidates",
      defaultValue = "50",
      description = "with hybrid retrieval: chunks each ranking offers to the fusion (default 50)")
  int candidates;

  @Option(
      names = "--baselines",
      defaultValue = "",
      description =
          "comma-separated baselines with their own rows: full-context (no memory: the reader reads"
              + " the whole history, oldest lines dropped past its window), notes (each session"
              + " summarised at write time, paid, then read)")
  String baselines;

  @Option(
      names = "--reader-context",
      defaultValue = "128000",
      description = "the reader's context window in tokens (default 128000)")
  int readerContext;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the simulated models")
  long seed;

  @Option(
      names = "--band",
      defaultValue = "1",
      description =
          "assumption settings N >= 1 (default 1: the registry's point values): setting 0 is the"
              + " point values, settings 1..N-1 a Latin hypercube with a fixed seed over every"
              + " memory parameter's range (docs/memory.md, \"Bands (v3)\")")
  int band;

  @Option(names = "--out", defaultValue = "target/memory-bench", description = "output folder")
  Path out;

  @Override
  public Integer call() throws IOException {
    // the memory settings are checked before any data is read
    if (topK < 1) throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
    if (candidates < 1)
      throw new IllegalArgumentException("--candidates must be >= 1, got " + candidates);
    if (chunkTokens != null && chunkTokens < 16)
      throw new IllegalArgumentException("--chunk-tokens must be >= 16, got " + chunkTokens);
    MemoryBench.Setup setup =
        new MemoryBench.Setup(Retrieval.parse(retrieval), chunkTokens, topK, candidates);
    // every other flag is checked too before the data is read or any row computed
    List<Axis> axisList = new ArrayList<>();
    for (String a : axes.split(",")) if (!a.isBlank()) axisList.add(MemoryAskCommand.parseAxis(a));
    List<String[]> routerSpecs = new ArrayList<>();
    for (String spec : routers) routerSpecs.add(routerSpec(spec));
    List<Baseline> baselineList = Baseline.parseList(baselines);
    ReaderContext reader;
    try {
      reader = new ReaderContext(readerContext);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--reader-context: " + e.getMessage());
    }
    if (band < 1) {
      throw new IllegalArgumentException(
          "--band must be a number of assumption settings >= 1 (1: the point values alone; e.g."
              + " --band 5), got "
              + band);
    }
    List<java.util.Map<String, Double>> settings =
        AssumptionBand.settings(band, MemoryAssumptions.keys());
    int[] itemRange = null;
    if (data.equals("locomo")) {
      if (locomo == null) {
        throw new IllegalArgumentException(
            "--data locomo needs --locomo PATH (e.g. ../shared/data/locomo/locomo10.json)");
      }
    } else if (data.equals("hotpot")) {
      itemRange = range(items);
    } else {
      throw new IllegalArgumentException("unknown --data '" + data + "'; valid: hotpot, locomo");
    }
    List<MemoryItem> list =
        itemRange == null
            ? MemoryData.locomo(locomo, conversations, questions)
            : MemoryData.hotpot(hotpot, itemRange[0], itemRange[1]);
    System.err.println("memory bench: " + list.size() + " questions, " + setup);
    List<MemoryBench.Row> rows = new ArrayList<>();
    List<String> axisOf = new ArrayList<>();
    List<Integer> settingOf = new ArrayList<>();
    List<MemoryAssumptions> assumed = new ArrayList<>();
    for (int s = 0; s < settings.size(); s++) {
      MemoryAssumptions a = MemoryAssumptions.registry().at(settings.get(s));
      MemoryBench bench = new MemoryBench(seed, setup, reader, a);
      if (settings.size() > 1) System.err.println("memory bench: setting " + s + " " + a.values());
      int before = rows.size();
      runSetting(bench, list, axisList, routerSpecs, baselineList, rows, axisOf);
      for (int i = before; i < rows.size(); i++) {
        settingOf.add(s);
        assumed.add(a);
      }
    }
    writeResults(rows, axisOf, settingOf, assumed);
    return 0;
  }

  private static void runSetting(
      MemoryBench bench,
      List<MemoryItem> list,
      List<Axis> axisList,
      List<String[]> routerSpecs,
      List<Baseline> baselineList,
      List<MemoryBench.Row> rows,
      List<String> axisOf)
      throws IOException {
    for (Axis ax : axisList) {
      for (MemoryTier t : MemoryTier.values()) {
        String label = "all-" + t + " (" + ax.name().toLowerCase() + ")";
        rows.add(
            bench.row(label, list, ax, TierChooser.fixed(t), n -> progress(label, n, list.size())));
        axisOf.add(ax.name().toLowerCase());
      }
    }
    for (String[] p : routerSpecs) {
      Axis ax = MemoryAskCommand.parseAxis(p[1]);
      try (TierRouter router =
          p[2].equals("default")
              ? TierRouter.loadDefault(Embedder.shared())
              : TierRouter.load(Path.of(p[2]), Embedder.shared())) {
        rows.add(bench.row(p[0], list, ax, router, n -> progress(p[0], n, list.size())));
        axisOf.add(ax.name().toLowerCase());
      }
    }
    for (Baseline b : baselineList) {
      rows.add(bench.baselineRow(b, list, n -> progress(b.label(), n, list.size())));
      axisOf.add("baseline");
    }
  }

  private void writeResults(
      List<MemoryBench.Row> rows,
      List<String> axisOf,
      List<Integer> settingOf,
      List<MemoryAssumptions> assumed)
      throws IOException {
    Files.createDirectories(out);
    StringBuilder md =
        new StringBuilder(
            "| configuration | n | F1 [95% CI] | memory $/query | reader $/query | total $/query |"
                + " tiers L/M/H | evidence retrieved / in summary | reader input cut |"
                + " F1 by category |\n|---|---|---|---|---|---|---|---|---|---|\n");
    StringBuilder csv =
        new StringBuilder(
            "config,axis,n,f1,f1_ci_low,f1_ci_high,usd_per_query,reader_usd_per_query,"
                + "total_usd_per_query,low,mid,high,support_retrieved,support_in_summary,"
                + "reader_truncated,setting,assumptions\n");
    for (int i = 0; i < rows.size(); i++) {
      MemoryBench.Row r = rows.get(i);
      String label = band > 1 ? r.config() + " [setting " + settingOf.get(i) + "]" : r.config();
      StringBuilder cats = new StringBuilder();
      r.f1ByCategory()
          .forEach(
              (k, v) -> cats.append(k).append(' ').append(String.format("%.1f", v)).append("; "));
      md.append(
          String.format(
              "| %s | %d | %.2f [%.2f, %.2f] | %.6f | %.6f | %.6f | %.2f/%.2f/%.2f | %.2f / %.2f |"
                  + " %.2f | %s |%n",
              label,
              r.n(),
              r.f1(),
              r.f1Low(),
              r.f1High(),
              r.usdPerQuery(),
              r.readerUsdPerQuery(),
              r.totalUsdPerQuery(),
              r.tierShares()[0],
              r.tierShares()[1],
              r.tierShares()[2],
              r.supportRetrieved(),
              r.supportInSummary(),
              r.truncatedShare(),
              cats.toString().strip()));
      csv.append(
          String.format(
              "%s,%s,%d,%.3f,%.3f,%.3f,%.8f,%.8f,%.8f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%s%n",
              r.config(),
              axisOf.get(i),
              r.n(),
              r.f1(),
              r.f1Low(),
              r.f1High(),
              r.usdPerQuery(),
              r.readerUsdPerQuery(),
              r.totalUsdPerQuery(),
              r.tierShares()[0],
              r.tierShares()[1],
              r.tierShares()[2],
              r.supportRetrieved(),
              r.supportInSummary(),
              r.truncatedShare(),
              settingOf.get(i),
              assumptionsCell(assumed.get(i))));
    }
    if (band > 1) md.append(BandMargins.table(rows, axisOf, settingOf));
    Files.writeString(out.resolve("results.csv"), csv);
    Files.writeString(out.resolve("results.md"), md);
    // the picture shows the point values (setting 0) only
    List<MemoryBench.Row> pointRows = new ArrayList<>();
    List<String> pointAxes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (settingOf.get(i) != 0) continue;
      pointRows.add(rows.get(i));
      pointAxes.add(axisOf.get(i));
    }
    frontier(pointRows, pointAxes, out.resolve("frontier.png"));
    System.out.print(md);
    System.err.println(
        "memory bench: wrote " + out.resolve("results.csv") + ", results.md, frontier.png");
  }

  /** A row's assumptions as one CSV cell: {@code key=value} pairs joined by semicolons. */
  static String assumptionsCell(MemoryAssumptions a) {
    StringBuilder sb = new StringBuilder();
    a.values()
        .forEach(
            (k, v) -> {
              if (sb.length() > 0) sb.append(';');
              sb.append(k).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", v));
            });
    return sb.toString();
  }

  private static void progress(String label, int n, int total) {
    if (n == total || n % 50 == 0) System.err.printf("  %s: %d/%d%n", label, n, total);
  }

  /**
   * Cost against F1: one series of fixed-tier points per axis, one named point per tier router and
   * per baseline, each with its 95% bootstrap interval as a vertical bar; cost is memory and reader
   * together (so a baseline that spends only on reading sits where it belongs), on a log scale.
   */
  static void frontier(List<MemoryBench.Row> rows, List<String> axisOf, Path png)
      throws IOException {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    java.util.Map<String, YIntervalSeries> fixedByAxis = new java.util.LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      MemoryBench.Row r = rows.get(i);
      double x = r.totalUsdPerQuery() * 1000;
      YIntervalSeries series;
      if (r.config().startsWith("all-")) {
        series =
            fixedByAxis.computeIfAbsent(
                axisOf.get(i),
                a -> {
                  YIntervalSeries s =
                      new YIntervalSeries("fixed tiers, " + a + " (all-LOW/MID/HIGH)");
                  data.addSeries(s);
                  return s;
                });
      } else { // one series per tier router or baseline, so the legend names each point
        String label = axisOf.get(i).equals("baseline") ? "baseline: " + r.config() : r.config();
        series = new YIntervalSeries(label);
        data.addSeries(series);
      }
      series.add(x, r.f1(), r.f1Low(), r.f1High());
    }
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            "Memory: cost vs F1 with 95% intervals (SIMULATED models)",
            "memory + reader cost per 1,000 queries ($, log scale)",
            "F1",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYErrorRenderer bars = new XYErrorRenderer();
    bars.setDrawXError(false);
    bars.setDefaultLinesVisible(false);
    plot.setRenderer(bars);
    LogAxis cost = new LogAxis("memory + reader cost per 1,000 queries ($, log scale)");
    cost.setSmallestValue(1e-3);
    cost.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
    plot.setDomainAxis(cost);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 550);
  }

  /**
   * A {@code --router} value split into label, axis and folder (or {@code default}), checked: the
   * axis is known and the folder exists.
   */
  static String[] routerSpec(String spec) {
    String[] p = spec.split("=", 3);
    String example = "; e.g. --router learned=reasoning=default or --router mine=capacity=DIR";
    if (p.length != 3 || p[0].isBlank() || p[2].isBlank()) {
      throw new IllegalArgumentException(
          "--router must be LABEL=AXIS=DIR or LABEL=AXIS=default, got '" + spec + "'" + example);
    }
    MemoryAskCommand.parseAxis(p[1]);
    if (!p[2].equals("default") && !Files.isDirectory(Path.of(p[2]))) {
      throw new IllegalArgumentException(
          "--router " + spec + ": no folder " + p[2] + " (a trained router's folder)" + example);
    }
    return p;
  }

  static int[] range(String s) {
    String[] p = s.split("-");
    try {
      int from = Integer.parseInt(p[0].strip());
      int to = Integer.parseInt(p[1].strip());
      if (from < 0 || to <= from) throw new NumberFormatException();
      return new int[] {from, to};
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "an item range is FROM-TO with 0 <= FROM < TO, e.g. 0-300; got '" + s + "'");
    }
  }
}
