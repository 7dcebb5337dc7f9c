package dev.frugal.testbed.router;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.router.Decision;
import dev.frugal.router.RoutedSelector;
import dev.frugal.router.RoutingPolicy;
import dev.frugal.router.training.Rollout;
import dev.frugal.router.training.RolloutSource;
import dev.frugal.testbed.bench.Grader;
import dev.frugal.testbed.bench.ModelSource;
import dev.frugal.testbed.bench.ModelSources;
import dev.frugal.testbed.bench.StrategyCatalog;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.tools.dataset.AnswerScore;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One dataset of the testbed with a SIMULATED small/large pair ({@code sim-small} and {@code
 * sim-large} by default), where a routed episode runs a question with a {@link RoutedSelector}
 * choosing the model of every call. Every episode has the same tool budget ({@code search} and
 * {@code open} units), strategy and step limit; a cap on LARGE calls may be added per episode.
 * Success is HotpotQA exact match. Thread-safe.
 */
public final class RouterTestbed implements AutoCloseable {

  /** The fixed conditions of every episode. */
  public record Settings(String strategy, int toolUnits, int maxSteps) {
    public Settings {
      StrategyCatalog.get(strategy);
      if (toolUnits < 1) throw new IllegalArgumentException("toolUnits must be >= 1");
      if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1");
    }

    /** ReAct + Budget Tracker, 10 units of search and of open, 30 steps [choice]. */
    public static Settings defaults() {
      return new Settings("react+tracker", 10, 30);
    }
  }

  /** What one routed episode did. */
  public record Outcome(
      String questionId,
      boolean success,
      double f1,
      double usd,
      long largeCalls,
      long smallCalls,
      int steps,
      String stopReason,
      List<Decision> decisions) {}

  private final Testbed bed;
  private final ModelSource small;
  private final ModelSource large;
  private final PriceTable prices;
  private final Settings settings;
  private final Map<String, Question> byId;

  /**
   * Opens {@code dataset} ({@code bundled} or a file) with the simulated profiles {@code small} and
   * {@code large} (names or profile files).
   */
  public RouterTestbed(String dataset, String small, String large, Settings settings) {
    this.bed = Testbed.open(dataset, List.of());
    SimWorld world = new SimWorld(bed.dataset());
    this.small = ModelSources.simulated(small, world, false);
    this.large = ModelSources.simulated(large, world, false);
    if (this.small.name().equals(this.large.name())) {
      throw new IllegalArgumentException(
          "the small and large profiles are both '" + this.small.name() + "'");
    }
    this.prices =
        PriceTable.builder()
            .model(this.small.name(), this.small.price())
            .model(this.large.name(), this.large.price())
            .build();
    this.settings = settings;
    this.byId =
        bed.dataset().questions().stream()
            .collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a));
  }

  public Testbed testbed() {
    return bed;
  }

  public String smallName() {
    return small.name();
  }

  public String largeName() {
    return large.name();
  }

  /**
   * Runs {@code q} once, routed by {@code policy}; {@code seed} fixes the simulated models' and the
   * policy's draws; {@code largeCap}, when present, caps the calls to the large model.
   */
  public Outcome run(Question q, RoutingPolicy policy, long seed, OptionalLong largeCap) {
    long s = episodeSeed(seed, q);
    List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());
    RoutedSelector selector =
        RoutedSelector.builder()
            .small(small.model(s))
            .large(large.model(s))
            .policy(policy)
            .seed(s)
            .listener(decisions::add)
            .build();
    StrategyCatalog.Spec spec = StrategyCatalog.get(settings.strategy());
    Budget.Builder b =
        Budget.builder()
            .toolUnits("search", settings.toolUnits())
            .toolUnits("open", settings.toolUnits());
    largeCap.ifPresent(c -> b.modelCalls(large.name(), c));
    RunResult r =
        Agent.builder()
            .modelSelector(selector)
            .prices(prices)
            .tools(bed.tools())
            .strategy(spec.strategy().get())
            .budgetTracker(spec.tracker())
            .budget(b.build())
            .maxSteps(settings.maxSteps())
            .build()
            .run(q.text());
    AnswerScore score = Grader.score(r.answer().orElse(""), q);
    return new Outcome(
        q.id(),
        score.exactMatch(),
        score.f1(),
        r.usd(),
        r.modelCalls().getOrDefault(large.name(), 0L),
        r.modelCalls().getOrDefault(small.name(), 0L),
        r.steps(),
        r.stopReason().describe(),
        List.copyOf(decisions));
  }

  /** Training rollouts over this dataset's questions, found by id; no LARGE cap. */
  public RolloutSource rollouts() {
    return (id, policy, seed) -> {
      Question q = byId.get(id);
      if (q == null) throw new IllegalArgumentException("no question '" + id + "' in the testbed");
      Outcome o = run(q, policy, seed, OptionalLong.empty());
      return new Rollout(id, o.success(), o.usd(), (int) o.largeCalls(), o.decisions());
    };
  }

  /** A per-episode seed: every (seed, question) pair gets its own reproducible stream. */
  static long episodeSeed(long seed, Question q) {
    return 0x9E3779B97F4A7C15L * (seed + 1) ^ q.id().hashCode();
  }

  @Override
  public void close() {
    bed.close();
  }
}
