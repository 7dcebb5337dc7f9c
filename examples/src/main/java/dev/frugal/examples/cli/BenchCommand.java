package dev.frugal.examples.cli;

import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.tool.BatchOverrun;
import dev.frugal.testbed.bench.BenchConfig;
import dev.frugal.testbed.bench.BenchHarness;
import dev.frugal.testbed.bench.BenchReport;
import dev.frugal.testbed.bench.ModelSource;
import dev.frugal.testbed.bench.ModelSources;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frugal bench}: sweeps strategies, budgets, models and seeds over datasets. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark sweep and write results.json, results.md and frontier.png.",
      "Example: frugal bench --dataset bundled --strategies react,react+tracker"
          + " --budgets 5,10,20,50 --models sim-large,sim-small --seeds 3 --out bench-out"
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--dataset",
      split = ",",
      defaultValue = "bundled",
      description = "dataset files (IRCoT or HotpotQA/2Wiki JSONL), or 'bundled' (default)")
  List<String> datasets;

  @Option(
      names = "--extra-corpus",
      split = ",",
      description = "extra paragraph files indexed as distractors")
  List<Path> extraCorpus = new ArrayList<>();

  @Option(
      names = "--strategies",
      defaultValue = "react,react+tracker",
      description = "comma-separated strategies")
  String strategies;

  @Option(
      names = "--budgets",
      defaultValue = "5,10,20,50",
      description = "units per tool, comma-separated")
  String budgets;

  @Option(
      names = "--tokens",
      description =
          "token caps, one per budget in the same order (e.g. --budgets 5,10,20 --tokens"
              + " 2000,4000,8000); none by default")
  String tokens;

  @Option(
      names = "--token-kind",
      defaultValue = "output",
      description = "what --tokens caps: output (default), total or input tokens")
  String tokenKind;

  @Option(
      names = "--models",
      defaultValue = "sim-large,sim-small",
      description =
          "simulated profiles (names or JSON files), or routed pairs router:SMALL/LARGE[:POLICY]"
              + " (e.g. router:sim-small/sim-large:small-first-1; POLICY: default, always-small,"
              + " always-large, small-first-K, first-large-K, random-P, a trained policy's"
              + " folder, or knn=FILE fitted by 'frugal router fit-knn'; default when left out),"
              + " comma-separated; ignored with --base-url")
  String models;

  @Option(names = "--seeds", defaultValue = "3", description = "number of seeds")
  int seeds;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "at most this many questions per dataset (0 = all)")
  int limit;

  @Option(names = "--threads", description = "parallel episodes (default: available processors)")
  Integer threads;

  @Option(
      names = "--batch-overrun",
      defaultValue = "refuse",
      description =
          "a batched tool call that would overrun its cap: 'refuse' it whole (default) or"
              + " 'truncate' it to the units left")
  String batchOverrun;

  @Option(names = "--max-steps", defaultValue = "60", description = "step limit per episode")
  int maxSteps;

  @Option(names = "--out", defaultValue = "bench-out", description = "output folder")
  Path out;

  @Option(names = "--sim-latency", description = "wait out the simulated models' latency")
  boolean simLatency;

  @Option(
      names = "--base-url",
      description = "an OpenAI-compatible server (key from FRUGAL_API_KEY or OPENAI_API_KEY)")
  String baseUrl;

  @Option(names = "--model", description = "the model name on --base-url")
  String model;

  @Option(
      names = "--price-in",
      paramLabel = "USD",
      description =
          "USD per 1M input tokens of --model (default: its row of ./frugal prices; a model"
              + " without one needs both flags, 0 for a free local model)")
  Double priceIn;

  @Option(
      names = "--price-out",
      paramLabel = "USD",
      description = "USD per 1M output tokens of --model (default: as for --price-in)")
  Double priceOut;

  @Option(
      names = "--band",
      defaultValue = "1",
      description =
          "run every row under N assumption settings: setting 0 = the registry's point values, the"
              + " others a Latin hypercube over the registry's ranges (fixed seed); 1 = point values"
              + " only (default)")
  int band;

  @Option(names = "--episodes", description = "also write one JSON line per episode to this file")
  Path episodes;

  @picocli.CommandLine.Mixin SharedBudgetOptions shared;

  @picocli.CommandLine.Mixin ModelTimeoutOption modelTimeout;

  @Override
  public Integer call() throws Exception {
    java.time.Duration timeout = modelTimeout.duration(); // checked before anything is loaded
    List<ModelSource> sources = new ArrayList<>();
    if (baseUrl != null) {
      if (model == null) throw new IllegalArgumentException("--base-url needs --model NAME");
      ModelPrice price = RealModelPrice.resolve(model, priceIn, priceOut, System.err);
      sources.add(ModelSources.openAiCompatible(baseUrl, model, price));
    } else {
      SimWorld world = new SimWorld(datasetsForWorld());
      for (String m : Csv.strings(models)) sources.add(ModelSources.parse(m, world, simLatency));
    }
    BenchConfig config =
        new BenchConfig(
            datasets,
            extraCorpus,
            Csv.strings(strategies),
            Csv.ints("--budgets", budgets),
            sources,
            seeds,
            limit,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
            maxSteps,
            out,
            tokens == null ? List.of() : Csv.ints("--tokens", tokens),
            BenchConfig.TokenKind.parse(tokenKind));
    BatchOverrun overrun =
        switch (batchOverrun) {
          case "refuse" -> BatchOverrun.REFUSE_WHOLE;
          case "truncate" -> BatchOverrun.TRUNCATE;
          default ->
              throw new IllegalArgumentException(
                  "--batch-overrun must be 'refuse' or 'truncate', got '" + batchOverrun + "'");
        };
    BenchReport.prepare(out);
    BenchHarness.Outcome o;
    dev.frugal.core.budget.SharedBudgets sharedBudgets = shared.open();
    try {
      BenchHarness h =
          new BenchHarness(config, System.err, sharedBudgets, overrun)
              .modelTimeout(timeout)
              .band(band);
      if (episodes != null) h.episodesFile(episodes);
      o = h.run();
    } finally {
      if (sharedBudgets != null) sharedBudgets.store().close();
    }
    String command =
        "./frugal " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    List<Path> files = BenchReport.write(out, command, o);
    System.out.print(BenchReport.markdown(command, o));
    System.out.println("wrote " + files);
    return 0;
  }

  /** The simulated models know every question of every dataset in the sweep. */
  private dev.frugal.tools.dataset.Dataset datasetsForWorld() {
    if (datasets.size() == 1) return Testbed.load(datasets.get(0));
    List<dev.frugal.tools.dataset.Question> all = new ArrayList<>();
    for (String d : datasets) all.addAll(Testbed.load(d).questions());
    return new dev.frugal.tools.dataset.Dataset("sweep", all, 0, String.join(",", datasets));
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
}
