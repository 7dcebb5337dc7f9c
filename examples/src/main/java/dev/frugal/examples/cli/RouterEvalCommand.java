package dev.frugal.examples.cli;

import dev.frugal.router.RoutingPolicy;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.router.QuestionSplit;
import dev.frugal.testbed.router.RouterEvaluation;
import dev.frugal.testbed.router.RouterReport;
import dev.frugal.testbed.router.RouterTestbed;
import dev.frugal.testbed.router.Routers;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code frugal router eval}: the cost-success table of routers and baselines. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Compare routers and routing baselines on held-apart questions (for 'bundled', the"
          + " evaluation half: odd positions; other files: all their questions), without a cap"
          + " and under caps on LARGE calls. The models are SIMULATED.",
      "Example: frugal router eval --routers sft=router-out/sft,bopo=router-out/bopo-lambda-0.5"
          + " --dataset bundled,../shared/data/2wikimultihopqa/dev200.jsonl --seeds 3"
    })
public final class RouterEvalCommand implements Callable<Integer> {
  @Option(
      names = "--dataset",
      split = ",",
      defaultValue = "bundled",
      description = "datasets: 'bundled' (its evaluation half) or files")
  List<String> datasets;

  @Option(
      names = "--routers",
      defaultValue = "default=default",
      description = "learned routers as NAME=SPEC (a policy folder or 'default'), comma-separated")
  String routers;

  @Option(
      names = "--baselines",
      defaultValue =
          "always-small,always-large,random-0.25,random-0.5,first-large-1,first-large-2,small-first-1",
      description = "baselines run without a cap (always-large is required)")
  String baselines;

  @Option(
      names = "--capped",
      defaultValue = "always-large,first-large-2,small-first-1",
      description = "baselines also run under the caps (every router is)")
  String capped;

  @Option(
      names = "--caps",
      defaultValue = "25,50,100",
      description = "caps on LARGE calls, in %% of always-large's mean LARGE calls")
  String caps;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds")
  int seeds;

  @Option(names = "--limit", defaultValue = "0", description = "questions per dataset (0 = all)")
  int limit;

  @Mixin RouterTestbedOptions testbed;

  @Option(names = "--threads", description = "parallel episodes (default: processors)")
  Integer threads;

  @Option(names = "--out", defaultValue = "router-eval", description = "output folder")
  Path out;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, RoutingPolicy> soft = new LinkedHashMap<>();
    for (String b : Csv.strings(baselines)) soft.put(b, Routers.policy(b));
    Map<String, RoutingPolicy> cappedPolicies = new LinkedHashMap<>();
    for (String b : Csv.strings(capped)) cappedPolicies.put(b, Routers.policy(b));
    for (String r : Csv.strings(routers)) {
      int eq = r.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--routers takes NAME=SPEC pairs such as bopo=router-out/bopo-lambda-0.5; got '"
                + r
                + "'");
      }
      RoutingPolicy p = Routers.policy(r.substring(eq + 1));
      soft.put(r.substring(0, eq), p);
      cappedPolicies.put(r.substring(0, eq), p);
    }
    List<RouterTestbed> beds = new ArrayList<>();
    try {
      List<RouterEvaluation.Target> targets = new ArrayList<>();
      for (String d : datasets) {
        RouterTestbed bed = testbed.open(d);
        beds.add(bed);
        Dataset ds = bed.testbed().dataset();
        boolean bundled = d.equals(Testbed.BUNDLED);
        List<Question> qs =
            bundled
                ? QuestionSplit.eval(ds, limit)
                : (limit > 0 ? ds.first(limit).questions() : ds.questions());
        String label = ds.name() + (bundled ? " (eval half)" : "");
        System.err.printf("%s: %d evaluation questions%n", label, qs.size());
        targets.add(new RouterEvaluation.Target(label, bed, qs));
      }
      List<RouterEvaluation.Row> rows =
          new RouterEvaluation(
                  targets,
                  soft,
                  cappedPolicies,
                  Csv.ints("--caps", caps),
                  seeds,
                  threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                  System.err)
              .run();
      String command =
          "./frugal " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      List<Path> files = RouterReport.write(out, command, rows);
      System.out.print(RouterReport.markdown(command, rows));
      System.out.println("wrote " + files);
    } finally {
      beds.forEach(RouterTestbed::close);
    }
    return 0;
  }
}
