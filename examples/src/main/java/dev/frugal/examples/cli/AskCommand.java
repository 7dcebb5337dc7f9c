package dev.frugal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolRegistry.PluginProblem;
import dev.frugal.core.trace.RunListener;
import dev.frugal.core.trace.TraceWriter;
import dev.frugal.memory.PageMemory;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.memory.routing.TierRouter;
import dev.frugal.testbed.bench.ModelSource;
import dev.frugal.testbed.bench.ModelSources;
import dev.frugal.testbed.bench.StrategyCatalog;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.tools.cache.ToolResultCache;
import dev.frugal.tools.fetch.PageFetcher;
import dev.frugal.tools.plugin.PluginJars;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
 * sim-large} over the bundled HotpotQA corpus, offline and without a key, and says so. With {@code
 * --search-backend searxng|brave|tavily} a real model searches the web and reads pages with the
 * SSRF-guarded {@code open} tool; {@code --plugins DIR} adds plug-in tools.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:an answer (or a forced one: a cap or the step limit ran out; see 'Stopped:')",
      "2:bad input: a flag, or a question the simulated model does not know (it offers the"
          + " closest bundled ones)",
      "3:the model failed: unreachable, refused the key (401), server error, unreadable reply",
      "4:the run was cancelled",
      "5:the shared budget store (--budget-store) failed: unreachable, refused the credentials,"
          + " or holds other caps for a --scope. No call is made after that; calls made before"
          + " it are charged and shown under Cost: (a settle Redis could not take is kept in the"
          + " --budget-journal and delivered by the next process on that store)"
    },
    description = {
      "Answer a question within a budget.",
      "Without --base-url or --provider a SIMULATED model (sim-large) answers over the bundled"
          + " HotpotQA corpus; it knows only that corpus's questions."
    })
public final class AskCommand implements Callable<Integer> {
  static final String EXAMPLE =
      "What government position was held by the woman who portrayed Corliss Archer in the film Kiss"
          + " and Tell?";

  /** What {@code --memory} accepts: page memory off, fixed tiers, or the tier router. */
  enum MemoryChoice {
    auto,
    off,
    low,
    mid,
    high;

    /** Whether this choice may call a model to summarise a page. */
    boolean needsModel() {
      return this == auto || this == mid || this == high;
    }
  }

  /** The model providers {@code --provider} accepts. */
  enum Provider {
    openai,
    anthropic
  }

  @Parameters(
      paramLabel = "QUESTION",
      arity = "0..1",
      description = "the question (default: a bundled example)")
  String question;

  @Option(
      names = "--strategy",
      defaultValue = "react+tracker",
      paramLabel = "NAME",
      description = "a strategy of the bench catalog: react, react+tracker (default), bats, ...")
  String strategy;

  @Option(names = "--usd", paramLabel = "USD", description = "dollar cap")
  Double usd;

  @Option(names = "--tokens", paramLabel = "N", description = "total token cap")
  Long tokens;

  @Option(names = "--max-steps", defaultValue = "30", description = "step limit")
  int maxSteps;

  @picocli.CommandLine.Mixin ModelTimeoutOption modelTimeout;

  @picocli.CommandLine.Mixin ToolUnitOptions units;

  @picocli.CommandLine.Mixin SearchBackendOptions web;

  @Option(
      names = "--page-chars",
      defaultValue = "" + PageFetcher.DEFAULT_MAX_CHARS,
      description = "characters of text 'open' keeps per web page (default: ${DEFAULT-VALUE})")
  int pageChars;

  @Option(
      names = "--memory",
      defaultValue = "off",
      paramLabel = "MODE",
      description =
          "page memory: a page 'open' returns over --memory-min-chars characters is kept in"
              + " memory and the agent reads a query-aware summary of it instead: off (default:"
              + " whole pages), low (rule-based, $0), mid or high (the agent's model summarises,"
              + " paid from the run's budget), auto (the bundled tier router picks per module);"
              + " see docs/memory.md")
  MemoryChoice memory;

  @Option(
      names = "--memory-min-chars",
      defaultValue = "" + PageMemory.DEFAULT_MIN_CHARS,
      paramLabel = "N",
      description =
          "with --memory: pages up to this many characters are shown whole (default:"
              + " ${DEFAULT-VALUE})")
  int memoryMinChars;

  @Option(
      names = "--cache-ttl",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description =
          "serve identical search/open calls from a cache for this long, free (0: no cache;"
              + " default: ${DEFAULT-VALUE})")
  long cacheTtl;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "load plug-in tool jars from this folder (list their tools with: frugal tools --plugins DIR)")
  Path plugins;

  @Option(
      names = "--dataset",
      defaultValue = "bundled",
      description = "corpus: 'bundled' or a dataset file (local backend)")
  String dataset;

  @Option(
      names = "--provider",
      paramLabel = "PROVIDER",
      description =
          "openai (any OpenAI-compatible server, key in FRUGAL_API_KEY or OPENAI_API_KEY) or"
              + " anthropic (key in ANTHROPIC_API_KEY)")
  Provider provider;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "sim-large (default), sim-small, a profile file, or the provider's model name")
  String model;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "e.g. http://localhost:11434/v1 (Ollama): any OpenAI-compatible server (implies"
              + " --provider openai), or another Anthropic endpoint with --provider anthropic")
  String baseUrl;

  @Option(
      names = "--price-in",
      paramLabel = "USD",
      description =
          "USD per 1M input tokens of a real --model (default: its row of ./frugal prices; a"
              + " model without one needs both flags, 0 for a free local model)")
  Double priceIn;

  @Option(
      names = "--price-out",
      paramLabel = "USD",
      description = "USD per 1M output tokens of a real --model (default: as for --price-in)")
  Double priceOut;

  @Option(
      names = "--router",
      description =
          "route every call between SIMULATED sim-small and sim-large: 'default' (the bundled"
              + " trained router), always-small, always-large, random-P, first-large-K, a"
              + " trained policy folder, or knn=FILE (a history fitted by 'frugal router"
              + " fit-knn')")
  String router;

  @Option(names = "--large-calls", description = "cap on calls to the large model (with --router)")
  Long largeCalls;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the simulated model")
  long seed;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "append the run's events to this JSONL file")
  Path trace;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(
      names = "--stream",
      description =
          "print the answer as the model streams it (a real model token by token; the simulated"
              + " model's answer comes whole at the end); the cost follows when the run ends")
  boolean stream;

  @picocli.CommandLine.Mixin McpOptions mcp = new McpOptions();

  /** The default tier router once a {@code --memory auto} run needs it (closed after the run). */
  private volatile TierRouter tierRouter;

  @picocli.CommandLine.Mixin SharedBudgetOptions shared;

  @Override
  public Integer call() throws Exception {
    String q = question == null || question.isBlank() ? EXAMPLE : question.strip();
    if (stream && json) {
      throw new IllegalArgumentException(
          "--stream prints the answer as it comes and --json prints one JSON document at the end;"
              + " use one of them");
    }
    StrategyCatalog.Spec spec = StrategyCatalog.get(strategy);
    Duration timeout = modelTimeout.duration(); // checked before anything is loaded
    boolean realModel = provider != null || baseUrl != null;
    // a real model's price is settled before anything is loaded: without one, exit 2 at once
    ModelPrice price =
        realModel ? RealModelPrice.resolve(modelName(), priceIn, priceOut, System.err) : null;
    if (web.backend.web() && !realModel) {
      throw new IllegalArgumentException(
          "--search-backend "
              + web.backend
              + " searches the web, which the simulated model cannot read; give a real model"
              + " (--base-url URL --model NAME for an OpenAI-compatible server such as Ollama at"
              + " http://localhost:11434/v1, or --provider anthropic --model NAME), or use"
              + " --search-backend local");
    }
    if (pageChars < 1) {
      throw new IllegalArgumentException("--page-chars must be at least 1, got " + pageChars);
    }
    if (memoryMinChars < 1) {
      throw new IllegalArgumentException(
          "--memory-min-chars must be at least 1 character, got " + memoryMinChars);
    }
    if (memory.needsModel() && !realModel) {
      throw new IllegalArgumentException(
          "--memory "
              + memory
              + " summarises long pages with the agent's model, and no model that can summarise"
              + " is configured (the simulated model cannot); give a real model (--base-url URL"
              + " --model NAME, or --provider anthropic --model NAME), or use --memory low"
              + " (rule-based, $0) or --memory off");
    }
    if (cacheTtl < 0) {
      throw new IllegalArgumentException("--cache-ttl must be 0 (off) or more, got " + cacheTtl);
    }
    PrintStream err = System.err;
    if (!web.backend.web()) err.println("indexing the corpus ...");
    try (PluginJars jars = plugins == null ? null : PluginJars.scan(plugins);
        Testbed bed = web.backend.web() ? null : Testbed.open(dataset, List.of());
        McpOptions.Connections mcpServers = mcp.open(err)) {
      ToolRegistry.Builder tb = ToolRegistry.builder();
      McpOptions.addTo(tb, mcpServers);
      if (bed != null) tb.addAll(bed.tools().tools());
      else tb.addAll(web.webTools(pageChars));
      if (jars != null) jars.addTo(tb);
      ToolRegistry tools = tb.build();
      if (jars != null) {
        for (PluginProblem p : jars.allProblems(tools)) {
          err.println("plug-in problem in " + p.source() + ": " + p.message());
        }
      }
      if (router != null && realModel) {
        throw new IllegalArgumentException(
            "--router routes the simulated sim-small / sim-large pair; drop --base-url / --provider");
      }
      ModelSource source = realModel ? realModel(price) : simulated(bed, q);
      if (stream && realModel)
        source = StreamingSources.of(source, provider == Provider.anthropic, baseUrl);
      Budget.Builder b = units.addTo(Budget.builder());
      if (usd != null) b.usd(usd);
      if (tokens != null) b.totalTokens(tokens);
      mcp.addCaps(b);
      if (largeCalls != null) {
        if (router == null) throw new IllegalArgumentException("--large-calls needs --router");
        b.modelCalls("sim-large", largeCalls);
      }
      Budget budget = b.build();
      List<RunListener> listeners = new ArrayList<>();
      listeners.add(new LiveProgress(err, budget));
      Secrets secrets = Secrets.fromEnvironment(System.getenv());
      TraceWriter writer = trace == null ? null : TraceWriter.open(trace, secrets::redact);
      if (writer != null) listeners.add(writer);
      AgentBuilder ab =
          Agent.builder()
              .modelSelector(source.selector(seed))
              .prices(prices(source))
              .tools(tools)
              .strategy(spec.strategy().get())
              .budgetTracker(spec.tracker())
              .budget(budget)
              .maxSteps(maxSteps)
              .modelTimeout(timeout)
              // one run talking to outside servers: worker threads cost nothing next to their
              // latency, and a deadline then ends even a call that ignores interrupts
              .isolateCalls(true);
      PageMemory pages = pageMemory(source);
      if (pages != null) ab.toolInterceptor(pages); // outermost: the cache below keeps raw pages
      if (cacheTtl > 0) {
        ab.toolInterceptor(
            ToolResultCache.builder()
                .ttl(Duration.ofSeconds(cacheTtl))
                .tools("search", "open")
                .build());
      }
      listeners.forEach(ab::listener);
      dev.frugal.core.budget.SharedBudgets sharedBudgets = shared.open();
      if (sharedBudgets != null) {
        SharedBudgetOptions.checkToolCaps(
            sharedBudgets.scopes(), new java.util.HashSet<>(tools.names()));
        ab.sharedBudgets(sharedBudgets);
      }
      RunResult r;
      dev.frugal.core.Cancellation cancellation = new dev.frugal.core.Cancellation();
      try (CtrlC ctrlC = CtrlC.cancels(cancellation, err)) {
        if (stream) {
          printHead(System.out, q, source, null);
          System.out.print("Answer:   ");
          System.out.flush();
          r = ab.build().runStreaming(q, cancellation, new StdoutAnswer(System.out));
          System.out.println(r.forcedAnswer() ? "  (forced: budget or steps ran out)" : "");
        } else {
          r = ab.build().run(q, cancellation);
        }
      } finally {
        if (writer != null) writer.close();
        if (sharedBudgets != null) sharedBudgets.store().close();
        if (tierRouter != null) tierRouter.close();
      }
      if (stream) printTail(System.out, r, pages);
      else print(System.out, q, source, r, pages);
      return exitCode(r.stopReason(), err, r.usd());
    }
  }

  /**
   * The exit code for how the run ended: 0 with an answer (also a forced one when a cap or the step
   * limit ran out), {@link FrugalCli#EXIT_MODEL_FAILURE} when the model failed for good, {@link
   * FrugalCli#EXIT_CANCELLED} when cancelled, {@link FrugalCli#EXIT_BUDGET_STORE} when the shared
   * budget store could not be reached.
   */
  static int exitCode(StopReason stop, PrintStream err) {
    return exitCode(stop, err, 0);
  }

  /** As {@link #exitCode(StopReason, PrintStream)}, saying what the run spent before it ended. */
  static int exitCode(StopReason stop, PrintStream err, double usd) {
    if (stop instanceof StopReason.ModelFailure f) {
      err.println("frugal: the model failed: " + TerminalText.line(f.message()));
      return FrugalCli.EXIT_MODEL_FAILURE;
    }
    if (stop instanceof StopReason.Cancelled) return FrugalCli.EXIT_CANCELLED;
    if (stop instanceof StopReason.BudgetStoreUnavailable u) {
      err.println(
          "frugal: the budget store failed: "
              + TerminalText.line(u.message())
              + String.format(
                  Locale.ROOT,
                  usd > 0
                      ? "; no call was made after that, and the $%.6f spent before it is charged"
                          + " (Cost: above)"
                      : "; nothing was spent ($%.6f)",
                  usd));
      return FrugalCli.EXIT_BUDGET_STORE;
    }
    // Answered, BudgetExhausted, Overshot (a provider billed past a cap) and MaxSteps end normally:
    // the answer, or the forced one, is on stdout and 'Stopped:' says why.
    return 0;
  }

  /** The real model's name, required with --base-url or --provider. */
  private String modelName() {
    if (model == null) {
      throw new IllegalArgumentException(
          "a real model needs --model NAME (e.g. gpt-4o-mini, llama3.1 on Ollama, or"
              + " claude-sonnet-4-5 with --provider anthropic)");
    }
    return model;
  }

  private ModelSource realModel(ModelPrice price) {
    if (provider == Provider.anthropic) return ModelSources.anthropic(baseUrl, model, price);
    String url = baseUrl != null ? baseUrl : "https://api.openai.com/v1";
    return ModelSources.openAiCompatible(url, model, price);
  }

  private ModelSource simulated(Testbed bed, String q) {
    SimWorld world = new SimWorld(bed.dataset());
    try {
      world.requireKnown(q);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(unknownQuestion(bed, q));
    }
    return router != null
        ? ModelSources.routed(
            router,
            ModelSources.simulated("sim-small", world, false),
            ModelSources.simulated("sim-large", world, false))
        : ModelSources.simulated(model == null ? "sim-large" : model, world, false);
  }

  /** Says the simulated model does not know {@code q} and offers the closest bundled questions. */
  private static String unknownQuestion(Testbed bed, String q) {
    StringBuilder sb =
        new StringBuilder("the simulated model only knows the ")
            .append(bed.dataset().questions().size())
            .append(" questions of ")
            .append(bed.dataset().name())
            .append(", and \"")
            .append(q.length() > 120 ? q.substring(0, 117) + "..." : q)
            .append("\" is not one of them.");
    List<String> closest = ClosestQuestions.of(bed.dataset(), q, 3);
    if (!closest.isEmpty()) {
      sb.append("\nThe closest bundled questions:");
      for (int i = 0; i < closest.size(); i++) {
        sb.append("\n  ").append(i + 1).append(". ").append(closest.get(i));
      }
    }
    String example = closest.isEmpty() ? EXAMPLE : closest.get(0);
    sb.append("\nTry: ./frugal ask \"")
        .append(example.replace("\"", "\\\""))
        .append("\"\nOr ask anything with a real model: --base-url URL --model NAME (e.g.")
        .append(" http://localhost:11434/v1 for Ollama).");
    return sb.toString();
  }

  private static PriceTable prices(ModelSource source) {
    PriceTable.Builder pb = PriceTable.builder();
    source.prices().forEach(pb::model);
    // the BATS paper's price of a search query and of a page opened, declared so the cost
    // breakdown shows it as the price chosen, not a default
    pb.tool("search", PriceTable.DEFAULT_TOOL_UNIT_USD)
        .tool("open", PriceTable.DEFAULT_TOOL_UNIT_USD);
    return pb.build();
  }

  /**
   * The page memory {@code --memory} asks for, or null for {@code off}. Fixed tiers or the default
   * tier router, on the implementation axis: LOW is rule-based ($0); MID and HIGH call the agent's
   * own model through the run's metering.
   */
  private PageMemory pageMemory(ModelSource source) {
    if (memory == MemoryChoice.off) return null;
    PageMemory.Builder b = PageMemory.builder().minChars(memoryMinChars).axis(Axis.IMPLEMENTATION);
    if (memory == MemoryChoice.auto) {
      // loaded on the first long page: a run that meets none does not pay for DJL and MiniLM
      b.tiers((module, situation, allowed) -> tierRouter().choose(module, situation, allowed));
    } else {
      b.tiers(TierChooser.fixed(MemoryTier.valueOf(memory.name().toUpperCase(Locale.ROOT))));
    }
    if (memory.needsModel()) b.model(source.name(), prices(source));
    return b.build();
  }

  private synchronized TierRouter tierRouter() {
    if (tierRouter == null) tierRouter = TierRouter.loadDefault(Embedder.shared());
    return tierRouter;
  }

  private void print(PrintStream out, String q, ModelSource source, RunResult r, PageMemory pages)
      throws Exception {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runId", r.runId());
      m.put("question", q);
      m.put("answer", r.answer().orElse(null));
      m.put("forcedAnswer", r.forcedAnswer());
      m.put("stopReason", r.stopReason().describe());
      m.put("refusal", r.refusal().map(AskCommand::refusalJson).orElse(null));
      m.put("model", source.name());
      m.put("simulated", source.simulated());
      m.put("searchBackend", web.backend.name());
      m.put("usd", r.usd());
      // calls abandoned after sending, charged what was reserved for them (their usage never came)
      m.put("usdEstimated", r.ledger().estimated().usd());
      m.put("usdByModel", r.usdByModel());
      m.put("usdByTool", r.usdByTool());
      m.put("modelCalls", r.modelCalls());
      m.put("inputTokens", r.inputTokens());
      m.put("outputTokens", r.outputTokens());
      m.put("toolUnits", r.toolUnits());
      m.put("steps", r.steps());
      m.put("memory", memory.name());
      m.put("pagesInMemory", pages == null ? List.of() : pages.kept());
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
              .writeValueAsString(m));
      return;
    }
    printHead(out, q, source, r);
    out.println(
        "Answer:   "
            + TerminalText.lines(r.answer().orElse("(none)"))
            + (r.forcedAnswer() ? "  (forced: budget or steps ran out)" : ""));
    printTail(out, r, pages);
  }

  /** Streams the answer's tokens to stdout as they come, control characters escaped. */
  private static final class StdoutAnswer implements dev.frugal.core.stream.RunStreamHandler {
    private final PrintStream out;

    StdoutAnswer(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onAnswerToken(String token) {
      out.print(TerminalText.lines(token));
      out.flush();
    }
  }

  /** The lines before the answer: a simulated model's note, the question, what was searched. */
  private void printHead(PrintStream out, String q, ModelSource source, RunResult r) {
    if (source.simulated()) {
      out.println(
          "NOTE: answered by the SIMULATED model '"
              + source.name()
              + "' (a policy simulation over the bundled corpus, not a language model).");
      if (router != null && r != null) { // a streamed run says it after the answer
        out.println(
            "      routed per call: "
                + r.modelCalls().getOrDefault("sim-small", 0L)
                + " x sim-small, "
                + r.modelCalls().getOrDefault("sim-large", 0L)
                + " x sim-large.");
      }
    }
    // The question, answer and stop reason come from the user, the model and servers: control
    // characters in them are shown escaped, not sent to the terminal.
    out.println("Question: " + TerminalText.line(q));
    out.println("Searched: " + web.backend.description());
  }

  /** The lines after the answer: why the run stopped and what it cost. */
  private void printTail(PrintStream out, RunResult r, PageMemory pages) {
    if (stream && router != null) {
      out.println(
          "Routed:   "
              + r.modelCalls().getOrDefault("sim-small", 0L)
              + " x sim-small, "
              + r.modelCalls().getOrDefault("sim-large", 0L)
              + " x sim-large.");
    }
    out.println(
        "Stopped:  "
            + TerminalText.line(stopped(r))
            + " after "
            + TerminalText.count(r.steps(), "step"));
    r.refusal().ifPresent(f -> out.println("Refused:  " + TerminalText.line(f.describe())));
    out.printf(Locale.ROOT, "Cost:     $%.6f%n", r.usd());
    if (r.ledger().estimated().picos() > 0) {
      out.printf(
          Locale.ROOT,
          "  estimated  $%.6f  (calls abandoned after sending, charged what was reserved: their"
              + " usage never came)%n",
          r.ledger().estimated().usd());
    }
    r.usdByModel()
        .forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT,
                    "  model %-10s $%.6f  (%s)%n",
                    k,
                    v,
                    TerminalText.count(r.modelCalls().getOrDefault(k, 0L), "call")));
    out.printf(
        Locale.ROOT,
        "  tokens     %d in / %d out (all models)%n",
        r.inputTokens(),
        r.outputTokens());
    r.usdByTool()
        .forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT,
                    "  tool  %-10s $%.6f  (%s at %s)%n",
                    k,
                    v,
                    TerminalText.count(r.toolUnits().getOrDefault(k, 0L), "unit"),
                    r.toolPrices().containsKey(k) ? r.toolPrices().get(k).describe() : "?"));
    if (pages != null) printPages(out, pages);
  }

  /** The stop reason for the 'Stopped:' line: a refusal is told on its own 'Refused:' line. */
  private static String stopped(RunResult r) {
    if (r.stopReason() instanceof StopReason.BudgetExhausted b && b.refusal() != null) {
      return "budget exhausted: " + b.cap().describe() + " (a call was refused, see below)";
    }
    return r.stopReason().describe();
  }

  /**
   * A refused call in {@code --json}: the cap, the call, the amounts of the cap it needed and that
   * remained (in dollars for the dollar cap, else in the cap's own unit), and what the estimate was
   * made of.
   */
  static Map<String, Object> refusalJson(dev.frugal.core.budget.Refusal f) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean usdCap = f.cap() instanceof dev.frugal.core.budget.Cap.Usd;
    m.put("cap", f.cap().describe());
    m.put("call", f.what());
    if (usdCap) {
      m.put(
          "estimateUsd", new java.math.BigDecimal(dev.frugal.core.budget.Money.format(f.wanted())));
      m.put(
          "remainingUsd",
          new java.math.BigDecimal(dev.frugal.core.budget.Money.format(f.remaining())));
      m.put("limitUsd", new java.math.BigDecimal(dev.frugal.core.budget.Money.format(f.limit())));
    } else {
      m.put("wanted", f.wanted());
      m.put("remaining", f.remaining());
      m.put("limit", f.limit());
    }
    m.put("inputTokensEstimated", f.inputTokens());
    m.put("maxOutputTokensReserved", f.outputTokens());
    m.put("message", f.describe());
    return m;
  }

  /** What page memory did: each page kept in memory, or that none was long enough. */
  private void printPages(PrintStream out, PageMemory pages) {
    List<PageMemory.Kept> kept = pages.kept();
    out.printf(
        Locale.ROOT,
        "Memory:   --memory %s, pages over %,d characters kept in memory%s%n",
        memory,
        memoryMinChars,
        kept.isEmpty() ? ": none was that long, every page was shown whole" : "");
    for (PageMemory.Kept k : kept) {
      out.printf(
          Locale.ROOT,
          "  page \"%s\": %,d characters summarised to %,d at tier %s ($%.6f)%n",
          TerminalText.line(k.title()),
          k.pageChars(),
          k.summaryChars(),
          k.tiers(),
          k.usd());
    }
  }
}
