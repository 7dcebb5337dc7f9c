package dev.frugal.examples.sim;

import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import java.util.Map;

/**
 * The real world the simulation tests run in, built once per test JVM: the bundled HotpotQA sample,
 * a Lucene index over all its paragraphs, and the search and open tools over it.
 */
final class TestWorld {
  static final Dataset DATASET = DatasetLoader.bundledHotpotQa();
  static final SimWorld WORLD = new SimWorld(DATASET);
  static final CorpusIndex INDEX = CorpusIndex.of(DATASET);
  static final ToolRegistry TOOLS =
      ToolRegistry.builder().add(new SearchTool(INDEX)).add(new OpenTool(INDEX)).build();

  private TestWorld() {}

  static SimulatedChatModel model(SimProfile profile, long seed) {
    return SimulatedChatModel.builder()
        .profile(profile)
        .world(WORLD)
        .seed(seed)
        .sleeper(SimulatedChatModel.Sleeper.NONE)
        .build();
  }

  static CalibrationLoop loop(SimulatedChatModel model, long unitsPerTool, boolean tracker) {
    return new CalibrationLoop(
        model,
        TOOLS,
        Map.of(SearchTool.NAME, unitsPerTool, OpenTool.NAME, unitsPerTool),
        tracker,
        50);
  }
}
