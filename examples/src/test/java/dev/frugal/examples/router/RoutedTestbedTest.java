package dev.frugal.examples.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.examples.cli.FrugalCli;
import dev.frugal.router.Baselines;
import dev.frugal.testbed.bench.BenchConfig;
import dev.frugal.testbed.bench.BenchHarness;
import dev.frugal.testbed.bench.ModelSources;
import dev.frugal.testbed.bench.ResultRow;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.router.QuestionSplit;
import dev.frugal.testbed.router.RouterTestbed;
import dev.frugal.testbed.router.Routers;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.tools.dataset.Question;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutedTestbedTest {
  static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @Test
  void theBenchRunsARoutedPairAsOneModelPricedForBoth(@TempDir Path out) throws Exception {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    BenchConfig config =
        new BenchConfig(
            List.of(Testbed.BUNDLED),
            List.of(),
            List.of("react+tracker"),
            List.of(10),
            List.of(ModelSources.parse("router:first-large-1:sim-small/sim-large", world, false)),
            1,
            3,
            1,
            20,
            out);
    BenchHarness.Outcome o = new BenchHarness(config, QUIET).run();
    ResultRow row = o.rows().get(0);
    assertThat(row.model()).isEqualTo("router:first-large-1(sim-small/sim-large)");
    // First-Large(1): step 1 on LARGE (and a final answer forced at step 1), later calls on SMALL;
    // budget 10 leaves room for later calls after the tracker's wide first batch (simulator v2).
    assertThat(row.callsPerModel().get("sim-large")).isBetween(1.0, 2.0);
    assertThat(row.callsPerModel().get("sim-small")).isGreaterThan(0.0);
  }

  @Test
  void badRoutedSpecsAndUnknownRoutersAreClearErrors() {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    assertThatThrownBy(() -> ModelSources.parse("router:sim-small", world, false))
        .hasMessageContaining("expected router:SMALL/LARGE or router:SMALL/LARGE:POLICY");
    assertThatThrownBy(() -> Routers.policy("smartest"))
        .hasMessageContaining("unknown router 'smartest'")
        .hasMessageContaining("first-large-K");
  }

  @Test
  void theBenchTakesThePolicyAfterThePairAndNamesTheValidOnesForABadOne() {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    for (String policy :
        List.of("always-small", "always-large", "small-first-2", "first-large-1", "random-0.3")) {
      assertThat(ModelSources.parse("router:sim-small/sim-large:" + policy, world, false).name())
          .isEqualTo("router:" + policy + "(sim-small/sim-large)");
    }
    // The older form, policy first, still reads.
    assertThat(ModelSources.parse("router:small-first-1:sim-small/sim-large", world, false).name())
        .isEqualTo("router:small-first-1(sim-small/sim-large)");
    assertThatThrownBy(() -> ModelSources.parse("router:sim-small/sim-large:bogus", world, false))
        .hasMessageContaining("unknown router 'bogus'")
        .hasMessageContaining("default")
        .hasMessageContaining("always-small")
        .hasMessageContaining("small-first-K")
        .hasMessageContaining("first-large-K")
        .hasMessageContaining("random-P");
  }

  @Test
  void theDefaultRoutesAsTheBestHeuristicAndThePreviousLearnedRouterStillLoads() {
    // docs/router.md, "What ships (v3)": no learned router beat First-Large(k) / Small-First(k) on
    // exact match per dollar, so the default is the best routing heuristic, First-Large(1).
    assertThat(Routers.DEFAULT_POLICY).isEqualTo("first-large-1");
    var d = Routers.policy("default");
    assertThat(d.name()).isEqualTo("default");
    for (int step = 0; step < 6; step++) {
      var state =
          new dev.frugal.router.RouteState(
              new dev.frugal.core.ModelSelection("r", "q?", step, "step", () -> null),
              "s",
              "l",
              new float[dev.frugal.router.features.RouterFeatures.SCHEMA.size()]);
      assertThat(d.largeProbability(state)).isEqualTo(step <= 1 ? 1.0 : 0.0);
    }
    // The router shipped before v3 was trained on feature schema version 1 and still runs.
    var v1 = Routers.policy("bopo-v1");
    assertThat(v1).isInstanceOf(dev.frugal.router.NeuralPolicy.class);
    assertThat(((dev.frugal.router.NeuralPolicy) v1).network().schema())
        .isEqualTo(dev.frugal.router.features.RouterFeatures.SCHEMA_V1);
  }

  @Test
  void aCapOnLargeCallsHoldsForEveryQuestionOfTheSimulatedWorld() {
    try (RouterTestbed bed =
        new RouterTestbed(
            Testbed.BUNDLED, "sim-small", "sim-large", RouterTestbed.Settings.defaults())) {
      for (Question q : QuestionSplit.eval(bed.testbed().dataset(), 8)) {
        RouterTestbed.Outcome o = bed.run(q, Baselines.alwaysLarge(), 0, OptionalLong.of(2));
        assertThat(o.largeCalls()).isLessThanOrEqualTo(2);
        assertThat(o.decisions()).anyMatch(d -> d.masked() || d.chosen().name().equals("LARGE"));
      }
    }
  }

  @Test
  void theTrainingAndEvaluationHalvesNeverOverlap() {
    var d = Testbed.load(Testbed.BUNDLED);
    List<String> train = QuestionSplit.train(d, 0).stream().map(Question::id).toList();
    List<String> eval = QuestionSplit.eval(d, 0).stream().map(Question::id).toList();
    assertThat(train).doesNotContainAnyElementsOf(eval);
    assertThat(train.size() + eval.size()).isEqualTo(d.questions().size());
  }

  @Test
  void routerTrainWritesEveryArtefactAndEvalReadsThem(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("train");
    int code =
        run(
            "router",
            "train",
            "--train-limit",
            "4",
            "--k",
            "1",
            "--strata",
            "2",
            "--per-stratum",
            "1",
            "--sft-epochs",
            "2",
            "--bopo-iterations",
            "1",
            "--group",
            "1",
            "--threads",
            "1",
            "--out",
            train.toString());
    assertThat(code).isZero();
    for (String f :
        List.of(
            "boundary.jsonl",
            "sft-labels.jsonl",
            "training.json",
            "README.md",
            "sft/policy.json",
            "sft/policy.params",
            "bopo-lambda-0.5/policy.json")) {
      assertThat(train.resolve(f)).isRegularFile();
    }
    assertThat(Files.readAllLines(train.resolve("boundary.jsonl"))).hasSize(4);

    Path eval = dir.resolve("eval");
    code =
        run(
            "router",
            "eval",
            "--limit",
            "2",
            "--seeds",
            "1",
            "--threads",
            "1",
            "--routers",
            "bopo=" + train.resolve("bopo-lambda-0.5"),
            "--baselines",
            "always-small,always-large",
            "--capped",
            "always-large",
            "--caps",
            "50",
            "--out",
            eval.toString());
    assertThat(code).isZero();
    String md = Files.readString(eval.resolve("results.md"));
    assertThat(md).contains("| soft | always-small |").contains("| bopo |").contains("cap 50%");
    assertThat(eval.resolve("results.json")).isRegularFile();
  }

  @Test
  void theShippedDefaultRouterLoadsAndAnswersThroughAsk() throws Exception {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    int code;
    try {
      System.setOut(new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(QUIET);
      code =
          FrugalCli.commandLine()
              .execute("ask", "--router", "default", "--large-calls", "2", "--json");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(code).isZero();
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(json.get("model").asText()).isEqualTo("router:default(sim-small/sim-large)");
    assertThat(json.get("simulated").asBoolean()).isTrue();
    assertThat(json.get("stopReason").asText()).isNotBlank();
    assertThat(json.path("modelCalls").path("sim-large").asLong(0)).isLessThanOrEqualTo(2);
    assertThat(
            json.path("modelCalls").path("sim-small").asLong(0)
                + json.path("modelCalls").path("sim-large").asLong(0))
        .isPositive();
    assertThat(Routers.policy("default").name()).isEqualTo("default");
  }

  private static int run(String... args) {
    var cl = FrugalCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    PrintStream out = System.out;
    PrintStream errStream = System.err;
    try {
      System.setOut(QUIET);
      System.setErr(QUIET);
      int code = cl.execute(args);
      if (code != 0) throw new AssertionError("exit " + code + ": " + err);
      return code;
    } finally {
      System.setOut(out);
      System.setErr(errStream);
    }
  }
}
