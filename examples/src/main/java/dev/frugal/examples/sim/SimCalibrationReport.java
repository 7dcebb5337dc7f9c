package dev.frugal.examples.sim;

import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import dev.frugal.tools.dataset.Question;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints how the bundled simulation profiles behave in {@link CalibrationLoop} on the bundled
 * HotpotQA sample, per profile, Budget Tracker off/on and budget (units per tool): exact match, F1,
 * search and open units used, model calls, tokens, the share of forced answers, and the unified
 * cost at the profile's prices plus $0.001 per tool unit (the BATS paper's tool price). It checks a
 * profile's shape against its sources (e.g. searches used against budget); it is not a benchmark of
 * any method.
 *
 * <p>Arguments: {@code [questions=200] [seeds=3]}.
 */
public final class SimCalibrationReport {
  private static final double TOOL_UNIT_USD = 0.001;

  private SimCalibrationReport() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Dataset all = DatasetLoader.bundledHotpotQa();
    Dataset sample = all.first(n);
    SimWorld world = new SimWorld(all);
    System.out.printf(
        Locale.ROOT,
        "%d questions x %d seeds; corpus = all %d dev500 paragraphs%n",
        sample.questions().size(),
        seeds,
        all.questions().size());
    System.out.println(
        "profile | tracker | budget | EM | F1 | search units | open units | model calls |"
            + " input tok | output tok | forced | USD/question");
    try (CorpusIndex index = CorpusIndex.of(all)) {
      ToolRegistry tools =
          ToolRegistry.builder().add(new SearchTool(index)).add(new OpenTool(index)).build();
      SimProfile blind =
          SimProfile.small()
              .with(
                  SimParameter.READ_SKILL,
                  0,
                  "shape check: an agent that never finds its facts, as on BrowseComp, where the"
                      + " BATS paper's ReAct used about 8 / 14 / 14 searches at budgets 10 / 30 / 100")
              .named("sim-small-never-reads");
      for (SimProfile profile : List.of(SimProfile.small(), SimProfile.large(), blind)) {
        for (boolean tracker : new boolean[] {false, true}) {
          for (long budget : new long[] {10, 30, 100}) {
            double em = 0, f1 = 0, search = 0, open = 0, calls = 0, in = 0, out = 0, forced = 0;
            int runs = 0;
            for (int s = 0; s < seeds; s++) {
              SimulatedChatModel model =
                  SimulatedChatModel.builder()
                      .profile(profile)
                      .world(world)
                      .seed(s)
                      .sleeper(SimulatedChatModel.Sleeper.NONE)
                      .build();
              CalibrationLoop loop =
                  new CalibrationLoop(
                      model,
                      tools,
                      Map.of(SearchTool.NAME, budget, OpenTool.NAME, budget),
                      tracker,
                      100);
              for (Question q : sample.questions()) {
                CalibrationLoop.Episode e = loop.run(q);
                runs++;
                em += e.score().exactMatch() ? 1 : 0;
                f1 += e.score().f1();
                search += e.units().get(SearchTool.NAME);
                open += e.units().get(OpenTool.NAME);
                calls += e.modelCalls();
                in += e.inputTokens();
                out += e.outputTokens();
                forced += e.forced() ? 1 : 0;
              }
            }
            SimProfile.Pricing p = profile.pricing();
            double usd =
                (in * p.inputPerMillion() + out * p.outputPerMillion()) / 1e6
                    + (search + open) * TOOL_UNIT_USD;
            System.out.printf(
                Locale.ROOT,
                "%s | %s | %d | %.3f | %.3f | %.1f | %.1f | %.1f | %.0f | %.0f | %.2f | %.5f%n",
                profile.modelName(),
                tracker ? "on" : "off",
                budget,
                em / runs,
                f1 / runs,
                search / runs,
                open / runs,
                calls / runs,
                in / runs,
                out / runs,
                forced / runs,
                usd / runs);
          }
        }
      }
    }
  }
}
