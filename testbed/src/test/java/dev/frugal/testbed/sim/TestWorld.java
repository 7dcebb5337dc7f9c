package dev.frugal.testbed.sim;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.AnswerScore;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  /** Runs the real engine (ReAct, with or without the Budget Tracker) over the simulated model. */
  static EngineLoop loop(SimulatedChatModel model, long unitsPerTool, boolean tracker) {
    return new EngineLoop(model, unitsPerTool, tracker);
  }

  /** One question at a time through a real {@link Agent}, recording the model's replies. */
  static final class EngineLoop {
    private final SimulatedChatModel model;
    private final long units;
    private final boolean tracker;

    EngineLoop(SimulatedChatModel model, long units, boolean tracker) {
      this.model = model;
      this.units = units;
      this.tracker = tracker;
    }

    Episode run(Question q) {
      List<AiMessage> replies = Collections.synchronizedList(new ArrayList<>());
      ChatModel recording =
          new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
              ChatResponse r = model.chat(request);
              replies.add(r.aiMessage());
              return r;
            }
          };
      RunResult r =
          Agent.builder()
              .model("sim", recording)
              .prices(PriceTable.builder().model("sim", ModelPrice.free()).build())
              .tools(TOOLS)
              .budgetTracker(tracker)
              .budget(
                  Budget.builder()
                      .toolUnits(SearchTool.NAME, units)
                      .toolUnits(OpenTool.NAME, units)
                      .build())
              .maxSteps(50)
              .build()
              .run(q.text());
      return new Episode(
          r.answer().orElse(""),
          AnswerMetrics.score(r.answer().orElse(""), q.answers()),
          r.toolUnits(),
          r.forcedAnswer(),
          r.inputTokens(),
          r.outputTokens(),
          List.copyOf(replies));
    }
  }

  /** {@code p} without answers from memory (memoryRecall 0), for tests of what is read. */
  static SimProfile noMemory(SimProfile p) {
    return p.with(SimParameter.MEMORY_RECALL, 0, "test: nothing known from memory");
  }

  /** {@code p} following the tracker's advice on every call (trackerAdherence 1). */
  static SimProfile obedient(SimProfile p) {
    return noMemory(p).with(SimParameter.TRACKER_ADHERENCE, 1, "test: follows the advice");
  }

  /** What one run produced. */
  record Episode(
      String answer,
      AnswerScore score,
      Map<String, Long> units,
      boolean forced,
      long inputTokens,
      long outputTokens,
      List<AiMessage> replies) {}
}
