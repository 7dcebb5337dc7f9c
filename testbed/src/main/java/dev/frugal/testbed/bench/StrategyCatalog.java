package dev.frugal.testbed.bench;

import dev.frugal.core.Strategy;
import dev.frugal.core.strategy.BudgetForcing;
import dev.frugal.core.strategy.ParallelMajority;
import dev.frugal.core.strategy.Pets;
import dev.frugal.core.strategy.PlanAndBudget;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.strategy.StoppingRule;
import dev.frugal.core.strategy.bats.AnswerSelection;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.core.strategy.bavt.Bavt;
import dev.frugal.core.strategy.bavt.RemainingRatio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The strategies the bench and the CLI know by name, each with whether the Budget Tracker is on.
 * Unknown names are an error listing the known ones.
 */
public final class StrategyCatalog {

  /** A strategy and whether the Budget Tracker wraps it. */
  public record Spec(String name, Supplier<Strategy> strategy, boolean tracker) {}

  private static final Map<String, Spec> KNOWN = new LinkedHashMap<>();

  static {
    add(new Spec("react", () -> ReAct.builder().build(), false));
    add(new Spec("react+tracker", () -> ReAct.builder().build(), true));
    add(new Spec("parallel-majority", () -> ParallelMajority.of(3), false));
    add(new Spec("parallel-majority+tracker", () -> ParallelMajority.of(3), true));
    // the parallel baseline within one total tool-call budget, as BAVT's (docs/bavt.md)
    add(
        new Spec(
            "parallel-majority-total",
            () ->
                ParallelMajority.of(
                    3,
                    ReAct.builder()
                        .temperature(1.0)
                        .stoppingRule(StoppingRule.TOTAL_SPENT)
                        .build()),
            false));
    add(new Spec("budget-forcing", BudgetForcing::withDefaults, false));
    add(new Spec("budget-forcing+tracker", BudgetForcing::withDefaults, true));
    add(new Spec("bats", Bats::withDefaults, true));
    add(new Spec("bats-early-stop", () -> Bats.builder().mode(Bats.Mode.EARLY_STOP).build(), true));
    add(
        new Spec(
            "bats-bom",
            () -> Bats.builder().selection(AnswerSelection.bestOfMajority()).build(),
            true));
    add(new Spec("bats-no-plan", () -> Bats.builder().planning(false).build(), true));
    add(new Spec("bats-no-verify", () -> Bats.builder().verification(false).build(), true));
    // the single unverified attempt (what bats-no-verify was before it repeated attempts)
    add(
        new Spec(
            "bats-single", () -> Bats.builder().verification(false).maxAttempts(1).build(), true));
    add(
        new Spec(
            "bats-until-spent", () -> Bats.builder().mode(Bats.Mode.UNTIL_SPENT).build(), true));
    add(
        new Spec(
            "bats-latest-only",
            () -> Bats.builder().contextPolicy(ReAct.ContextPolicy.LATEST_TOOL_RESULT).build(),
            true));

    add(new Spec("bavt", () -> Bavt.builder().build(), false));
    add(new Spec("bavt+tracker", () -> Bavt.builder().build(), true));
    // BAVT with the per-tool budget form: each tool its own cap, r pools them (docs/bavt.md)
    add(
        new Spec(
            "bavt-per-tool",
            () -> Bavt.builder().toolPooling(RemainingRatio.ToolPooling.POOLED).build(),
            false));
    // BAVT with its optional expansion cost guard (docs/bavt.md)
    add(new Spec("bavt-guard", () -> Bavt.builder().expansionCostGuard(true).build(), false));
    // the extras of docs/extras.md: PETS adaptive sampling and Plan-and-Budget
    add(new Spec("pets", Pets::withDefaults, false));
    add(new Spec("plan-and-budget", PlanAndBudget::withDefaults, false));
  }

  private StrategyCatalog() {}

  private static void add(Spec s) {
    KNOWN.put(s.name(), s);
  }

  /** The most samples a {@code parallel-majority-N} name may ask for (PETS's cap, the paper's). */
  public static final int MAX_PARALLEL_SAMPLES = Pets.MAX_SAMPLES;

  private static final java.util.regex.Pattern PARALLEL_N =
      java.util.regex.Pattern.compile("parallel-majority-(\\d{1,3})");

  private static final java.util.regex.Pattern BATS_CONTINUE =
      java.util.regex.Pattern.compile("bats-continue-(\\d(?:\\.\\d{1,3})?)");

  /**
   * The spec named {@code name}: a catalogued name, {@code bats-continue-S} (BATS whose
   * budget-aware continuation after a verified SUCCESS needs a share S in [0, 1] of every capped
   * tool left, e.g. {@code bats-continue-0.25}; docs/bats.md, "Going on after SUCCESS"), or {@code
   * parallel-majority-N}, the uniform baseline of N samples (1 to {@value #MAX_PARALLEL_SAMPLES})
   * each holding 1/N of every cap, for comparing PETS with uniform allocation at its planned sample
   * count (docs/extras.md, "PETS").
   */
  public static Spec get(String name) {
    String key = name.trim().toLowerCase(java.util.Locale.ROOT);
    Spec s = KNOWN.get(key);
    java.util.regex.Matcher c = BATS_CONTINUE.matcher(key);
    if (s == null && c.matches()) {
      double share = Double.parseDouble(c.group(1));
      if (share > 1) {
        throw new IllegalArgumentException(
            "strategy '"
                + name
                + "' asks for a continue share of "
                + share
                + "; bats-continue-S takes S from 0 to 1, e.g. bats-continue-0.25");
      }
      return new Spec(key, () -> Bats.builder().continueShare(share).build(), true);
    }
    java.util.regex.Matcher n = PARALLEL_N.matcher(key);
    if (s == null && n.matches()) {
      int samples = Integer.parseInt(n.group(1));
      if (samples < 1 || samples > MAX_PARALLEL_SAMPLES) {
        throw new IllegalArgumentException(
            "strategy '"
                + name
                + "' asks for "
                + samples
                + " samples; parallel-majority-N takes N from 1 to "
                + MAX_PARALLEL_SAMPLES);
      }
      return new Spec(key, () -> ParallelMajority.of(samples), false);
    }
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown strategy '"
              + name
              + "'; known strategies: "
              + String.join(", ", names())
              + ", bats-continue-S (S from 0 to 1, e.g. bats-continue-0.25)"
              + ", and parallel-majority-N (N samples, 1 to "
              + MAX_PARALLEL_SAMPLES
              + ")");
    }
    return s;
  }

  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }
}
