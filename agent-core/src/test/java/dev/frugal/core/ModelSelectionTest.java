package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.engine.RunContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

  static class Lookup {
    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    String lookup(String word) {
      return "definition of " + word;
    }
  }

  /** Picks "big" while the ledger can pay for it, else "small"; remembers what it saw. */
  static final class Recording implements ModelSelector {
    final NamedModel small;
    final NamedModel big;
    final List<ModelSelection> seen = new ArrayList<>();
    final List<Boolean> bigAffordable = new ArrayList<>();

    Recording(ScriptedChatModel model) {
      this.small = new NamedModel("small", model);
      this.big = new NamedModel("big", model);
    }

    @Override
    public synchronized NamedModel select(ModelSelection s) {
      seen.add(s);
      boolean ok = s.affordable("big");
      bigAffordable.add(ok);
      return ok ? big : small;
    }

    @Override
    public List<NamedModel> models() {
      return List.of(small, big);
    }
  }

  @Test
  void theSelectorSeesToolOutcomesAndWhetherTheChargedLedgerCanPayForAModel() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"frugal\"}")
            .thenTool("lookup", "{\"word\": \"frugal\"}")
            .thenAnswer("thrifty");
    Recording selector = new Recording(model);
    RunResult r =
        Agent.builder()
            .modelSelector(selector)
            .prices(
                PriceTable.builder()
                    .model("small", ModelPrice.of(0.1, 0.4))
                    .model("big", ModelPrice.of(1.0, 4.0))
                    .build())
            .toolsFrom(new Lookup())
            .budgetTracker(false)
            // 2 calls of "big", one of them kept back for a forced final answer: 1 for the loop.
            .budget(Budget.builder().modelCalls("big", 2).build())
            .build()
            .run("What is frugal?");

    assertThat(r.answer()).contains("thrifty");
    assertThat(selector.bigAffordable).containsExactly(true, false, false);
    assertThat(r.modelCalls()).containsEntry("big", 1L).containsEntry("small", 2L);
    assertThat(selector.seen.get(0).activity()).isEqualTo(RunActivity.NONE);
    RunActivity second = selector.seen.get(1).activity();
    assertThat(second.toolCalls()).isEqualTo(1);
    assertThat(second.ok()).isEqualTo(1);
    assertThat(second.lastResultChars()).isEqualTo("definition of frugal".length());
    RunActivity third = selector.seen.get(2).activity();
    assertThat(third.repeats()).isEqualTo(1);
    assertThat(third.recent())
        .containsExactly(RunContext.ToolOutcome.Status.OK, RunContext.ToolOutcome.Status.REPEATED);
  }

  @Test
  void aStrategyNoteIsTheLatestNoteTheSelectorSees() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("x");
    Recording selector = new Recording(model);
    Strategy noting =
        new Strategy() {
          @Override
          public String name() {
            return "noting";
          }

          @Override
          public Outcome run(RunContext ctx) {
            ctx.note("verify", "decision: PIVOT");
            ctx.chat(
                "step",
                dev.langchain4j.model.chat.request.ChatRequest.builder()
                    .messages(dev.langchain4j.data.message.UserMessage.from("q"))
                    .build());
            return Outcome.answered("x");
          }
        };
    Agent.builder()
        .budget(Budget.unlimited())
        .modelSelector(selector)
        .prices(
            PriceTable.builder()
                .model("small", ModelPrice.of(0.1, 0.4))
                .model("big", ModelPrice.of(1.0, 4.0))
                .build())
        .strategy(noting)
        .build()
        .run("q?");

    assertThat(selector.seen.get(0).activity().lastNote())
        .contains(new RunActivity.Note("verify", "decision: PIVOT"));
  }

  @Test
  void stepSignalsAreKeptOnlyWhenTheSelectorHasModelsToChooseBetween() {
    for (boolean two : new boolean[] {true, false}) {
      ScriptedChatModel model =
          new ScriptedChatModel()
              .thenTool("lookup", "{\"word\": \"frugal\"}")
              .thenAnswer("thrifty");
      NamedModel small = new NamedModel("small", model);
      NamedModel big = new NamedModel("big", model);
      List<RunActivity> seen = new ArrayList<>();
      ModelSelector selector =
          new ModelSelector() {
            @Override
            public synchronized NamedModel select(ModelSelection s) {
              seen.add(s.activity());
              return small;
            }

            @Override
            public List<NamedModel> models() {
              return two ? List.of(small, big) : List.of(small);
            }
          };
      PriceTable.Builder prices = PriceTable.builder().model("small", ModelPrice.of(0.1, 0.4));
      if (two) prices.model("big", ModelPrice.of(1.0, 4.0));
      Agent.builder()
          .modelSelector(selector)
          .prices(prices.build())
          .toolsFrom(new Lookup())
          .budgetTracker(false)
          .budget(Budget.unlimited())
          .build()
          .run("What is frugal?");
      RunActivity afterTool = seen.get(1);
      assertThat(afterTool.ok()).isEqualTo(1);
      if (two) {
        assertThat(afterTool.signals())
            .as("two models: the digest feeds the choice")
            .isNotEqualTo(StepSignals.NONE);
      } else {
        assertThat(afterTool.signals())
            .as("one model: nothing to choose, nothing digested")
            .isEqualTo(StepSignals.NONE);
      }
    }
  }
}
