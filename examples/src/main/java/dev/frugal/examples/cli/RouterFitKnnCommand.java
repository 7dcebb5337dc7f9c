package dev.frugal.examples.cli;

import dev.frugal.router.knn.KnnHistory;
import dev.frugal.router.knn.KnnSettings;
import dev.frugal.router.knn.MiniLmEmbedding;
import dev.frugal.router.knn.Outcome;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.router.KnnFit;
import dev.frugal.testbed.router.Routers;
import dev.frugal.tools.dataset.Dataset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frugal router fit-knn}: fits the V0-style router's history from logged episodes
 * (docs/extras.md, "The V0-style router").
 */
@Command(
    name = "fit-knn",
    mixinStandardHelpOptions = true,
    description = {
      "Fit the kNN router's history from logged episodes (the lines 'frugal bench --episodes FILE'"
          + " writes): for each question and model, the share of episodes with an exact match"
          + " above 0 and their mean cost, with the question embedded by all-MiniLM-L6-v2 in"
          + " process. Episodes of router:SMALL/LARGE:always-small count as SMALL, of always-large"
          + " as LARGE; other routing policies mix models and are skipped. Route with it as"
          + " 'bench --models router:SMALL/LARGE:knn=FILE' or 'ask --router knn=FILE'.",
      "Example: frugal router fit-knn --from dev-episodes.jsonl --out knn-history.jsonl"
    })
public final class RouterFitKnnCommand implements Callable<Integer> {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "EPISODES.jsonl",
      description = "the episodes file written by 'frugal bench --episodes'")
  Path from;

  @Option(
      names = "--out",
      defaultValue = Routers.KNN_DEFAULT_FILE,
      paramLabel = "FILE",
      description = "the history file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--dataset",
      defaultValue = Testbed.BUNDLED,
      description = "the dataset the episodes ran on, for the question texts (default: bundled)")
  String dataset;

  @Option(
      names = "--k",
      defaultValue = "" + KnnSettings.DEFAULT_K,
      description = "nearest logged questions per prediction (default: ${DEFAULT-VALUE})")
  int k;

  @Option(
      names = "--prior",
      defaultValue = "" + KnnSettings.DEFAULT_PRIOR,
      description =
          "weight of a model's overall success rate, in pseudo-questions (default:"
              + " ${DEFAULT-VALUE})")
  double prior;

  @Option(
      names = "--lambda",
      defaultValue = "" + KnnSettings.DEFAULT_LAMBDA,
      description =
          "price of a dollar in successes: route to argmax p_hat - lambda * usd_hat (default:"
              + " ${DEFAULT-VALUE})")
  double lambda;

  @Override
  public Integer call() {
    KnnSettings settings = new KnnSettings(k, prior, lambda); // checked before anything is read
    Dataset d = Testbed.load(dataset);
    KnnFit.Result r = KnnFit.fit(from, d, MiniLmEmbedding.shared(), MiniLmEmbedding.NAME, settings);
    KnnHistory h = r.history();
    h.write(out);
    System.out.printf(
        Locale.ROOT,
        "fitted %d questions from %d episodes (%s) of %s%n",
        h.questions().size(),
        r.episodes(),
        r.strategies(),
        from);
    for (String m : h.models()) {
      int n = 0;
      double success = 0;
      double usd = 0;
      for (var q : h.questions()) {
        Outcome o = q.outcomes().get(m);
        if (o == null) continue;
        n++;
        success += o.success();
        usd += o.usd();
      }
      System.out.printf(
          Locale.ROOT,
          "  %s: %d questions, success %.3f, mean cost $%.4f%n",
          m,
          n,
          success / n,
          usd / n);
    }
    if (!r.skipped().isEmpty()) {
      System.out.println("  skipped (routed policies that mix two models): " + r.skipped());
    }
    System.out.printf(
        Locale.ROOT,
        "k = %d, prior = %s, lambda = %s per dollar; wrote %s%n",
        settings.k(),
        settings.prior(),
        settings.lambda(),
        out);
    return 0;
  }
}
