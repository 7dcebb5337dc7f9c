package dev.frugal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.trace.TraceWriter;
import dev.frugal.examples.bench.ModelSource;
import dev.frugal.examples.bench.ModelSources;
import dev.frugal.examples.bench.StrategyCatalog;
import dev.frugal.examples.bench.Testbed;
import dev.frugal.examples.sim.SimWorld;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal ask "QUESTION"}: answers one question within a budget, showing progress on stderr
 * and the answer with its cost on stdout. With no model flags it uses the simulated {@code
 * sim-large} over the bundled HotpotQA corpus, offline and without a key, and says so.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer a question within a budget.",
      "Without --base-url a SIMULATED model (sim-large) answers over the bundled HotpotQA corpus; it"
          + " knows only that corpus's questions."
    })
public final class AskCommand implements Callable<Integer> {
  static final String EXAMPLE =
      "What government position was held by the woman who portrayed Corliss Archer in the film Kiss"
          + " and Tell?";

  @Parameters(
      paramLabel = "QUESTION",
      arity = "0..1",
      description = "the question (default: a bundled example)")
  String question;

  @Option(
      names = "--strategy",
      defaultValue = "react+tracker",
      description = "a strategy of the bench catalog: react, react+tracker (default), bats, ...")
  String strategy;

  @Option(names = "--search", defaultValue = "10", description = "search units (one per query)")
  int search;

  @Option(
      names = {"--open", "--browse"},
      defaultValue = "10",
      description = "open units (one per paragraph)")
  int open;

  @Option(names = "--usd", description = "dollar cap")
  Double usd;

  @Option(names = "--tokens", description = "total token cap")
  Long tokens;

  @Option(names = "--max-steps", defaultValue = "30", description = "step limit")
  int maxSteps;

  @Option(
      names = "--dataset",
      defaultValue = "bundled",
      description = "corpus: 'bundled' or a dataset file")
  String dataset;

  @Option(
      names = "--model",
      description = "sim-large (default), sim-small, a profile file, or the model on --base-url")
  String model;

  @Option(
      names = "--base-url",
      description = "an OpenAI-compatible server (key from FRUGAL_API_KEY or OPENAI_API_KEY)")
  String baseUrl;

  @Option(
      names = "--price-in",
      defaultValue = "0",
      description = "USD per 1M input tokens (real models)")
  double priceIn;

  @Option(
      names = "--price-out",
      defaultValue = "0",
      description = "USD per 1M output tokens (real models)")
  double priceOut;

  @Option(
      names = "--router",
      description =
          "route every call between SIMULATED sim-small and sim-large: 'default' (the bundled"
              + " trained router), always-small, always-large, random-P, first-large-K, or a"
              + " trained policy folder")
  String router;

  @Option(names = "--large-calls", description = "cap on calls to the large model (with --router)")
  Long largeCalls;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the simulated model")
  long seed;

  @Option(names = "--trace", description = "append the run's events to this JSONL file")
  Path trace;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String q = question == null || question.isBlank() ? EXAMPLE : question.strip();
    StrategyCatalog.Spec spec = StrategyCatalog.get(strategy);
    PrintStream err = System.err;
    err.println("indexing the corpus ...");
    try (Testbed bed = Testbed.open(dataset, List.of())) {
      ModelSource source;
      if (baseUrl != null) {
        if (model == null) throw new IllegalArgumentException("--base-url needs --model NAME");
        source = ModelSources.openAiCompatible(baseUrl, model, ModelPrice.of(priceIn, priceOut));
      } else {
        SimWorld world = new SimWorld(bed.dataset());
        try {
          world.questionIn(q);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "the simulated model only knows the questions of "
                  + bed.dataset().name()
                  + "; ask one of them (e.g. \""
                  + EXAMPLE
                  + "\") or use --base-url URL --model NAME for a real model");
        }
        source =
            router != null
                ? ModelSources.routed(
                    router,
                    ModelSources.simulated("sim-small", world, false),
                    ModelSources.simulated("sim-large", world, false))
                : ModelSources.simulated(model == null ? "sim-large" : model, world, false);
      }
      if (router != null && baseUrl != null) {
        throw new IllegalArgumentException("--router routes simulated models; drop --base-url");
      }
      Budget.Builder b = Budget.builder().toolUnits("search", search).toolUnits("open", open);
      if (usd != null) b.usd(usd);
      if (tokens != null) b.totalTokens(tokens);
      if (largeCalls != null) {
        if (router == null) throw new IllegalArgumentException("--large-calls needs --router");
        b.modelCalls("sim-large", largeCalls);
      }
      Budget budget = b.build();
      List<RunListener> listeners = new ArrayList<>();
      listeners.add(new LiveProgress(err, budget));
      TraceWriter writer = trace == null ? null : TraceWriter.open(trace);
      if (writer != null) listeners.add(writer);
      Agent.Builder ab =
          Agent.builder()
              .modelSelector(source.selector(seed))
              .prices(prices(source))
              .tools(bed.tools())
              .strategy(spec.strategy().get())
              .budgetTracker(spec.tracker())
              .budget(budget)
              .maxSteps(maxSteps);
      listeners.forEach(ab::listener);
      RunResult r;
      try {
        r = ab.build().run(q);
      } finally {
        if (writer != null) writer.close();
      }
      print(System.out, q, source, r);
      return 0;
    }
  }

  private static PriceTable prices(ModelSource source) {
    PriceTable.Builder pb = PriceTable.builder();
    source.prices().forEach(pb::model);
    return pb.build();
  }

  private void print(PrintStream out, String q, ModelSource source, RunResult r) throws Exception {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("question", q);
      m.put("answer", r.answer().orElse(null));
      m.put("stopReason", r.stopReason().describe());
      m.put("model", source.name());
      m.put("simulated", source.simulated());
      m.put("usd", r.usd());
      m.put("usdByModel", r.usdByModel());
      m.put("usdByTool", r.usdByTool());
      m.put("modelCalls", r.modelCalls());
      m.put("inputTokens", r.inputTokens());
      m.put("outputTokens", r.outputTokens());
      m.put("toolUnits", r.toolUnits());
      m.put("steps", r.steps());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
      return;
    }
    if (source.simulated()) {
      out.println(
          "NOTE: answered by the SIMULATED model '"
              + source.name()
              + "' (a policy simulation over the bundled corpus, not a language model).");
      if (router != null) {
        out.println(
            "      routed per call: "
                + r.modelCalls().getOrDefault("sim-small", 0L)
                + " x sim-small, "
                + r.modelCalls().getOrDefault("sim-large", 0L)
                + " x sim-large.");
      }
    }
    out.println("Question: " + q);
    out.println(
        "Answer:   "
            + r.answer().orElse("(none)")
            + (r.forcedAnswer() ? "  (forced: budget or steps ran out)" : ""));
    out.println("Stopped:  " + r.stopReason().describe() + " after " + r.steps() + " steps");
    out.printf(Locale.ROOT, "Cost:     $%.6f%n", r.usd());
    r.usdByModel()
        .forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT,
                    "  model %-10s $%.6f  (%d calls, %d in / %d out tokens)%n",
                    k,
                    v,
                    r.modelCalls().getOrDefault(k, 0L),
                    r.inputTokens(),
                    r.outputTokens()));
    r.usdByTool()
        .forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT,
                    "  tool  %-10s $%.6f  (%d units)%n",
                    k,
                    v,
                    r.toolUnits().getOrDefault(k, 0L)));
  }
}
