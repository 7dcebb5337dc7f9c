package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.budget.UnknownModelException;
import dev.frugal.core.engine.Answers;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();

  static String lastToolText(ChatRequest r) {
    return ((ToolExecutionResultMessage) r.messages().get(r.messages().size() - 1)).text();
  }

  @Test
  void anIdenticalRepeatedCallIsNotRunAgainNorChargedAndTheModelIsTold() {
    Lookup tool = new Lookup();
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"frugal\"}")
            .thenTool("lookup", "{ \"word\":\"frugal\" }")
            .thenAnswer("thrifty");
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tool)
            .budgetTracker(false)
            .build()
            .run("What is frugal?");

    assertThat(r.answer()).contains("thrifty");
    assertThat(tool.calls).hasValue(1);
    assertThat(r.toolUnits()).containsEntry("lookup", 1L);
    assertThat(lastToolText(model.requests.get(2)))
        .isEqualTo(
            "NOTE: you already called 'lookup' with these exact arguments at step 1; it was not run"
                + " again and not charged. Its result was:\nabout frugal");
  }

  @Test
  void theStepLimitForcesAFinalAnswer() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"a\"}")
            .thenTool("lookup", "{\"word\": \"b\"}")
            .thenAnswer("best guess");
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(new Lookup())
            .maxSteps(2)
            .build()
            .run("q?");
    assertThat(r.stopReason()).isEqualTo(new StopReason.MaxSteps(2));
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(r.answer()).contains("best guess");
    assertThat(model.requests.get(2).toolSpecifications()).isEmpty();
  }

  @Test
  void aTokenCapEndsTheRunWithAnAnswerFromTheReserveAndIsNeverExceeded() {
    ScriptedChatModel model =
        new ScriptedChatModel().toolCallsUntilForced(20, "lookup", "from reserve");
    model.inputTokens = 300;
    model.outputTokens = 20;
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(new Lookup())
            .maxOutputTokens(40)
            .budget(Budget.builder().totalTokens(2000).build())
            .answerReserve(0.25)
            .build()
            .run("q?");
    assertThat(((StopReason.BudgetExhausted) r.stopReason()).cap())
        .isEqualTo(new Cap.TotalTokens());
    assertThat(r.refusal()).isPresent();
    assertThat(r.answer()).contains("from reserve");
    assertThat(r.totalTokens()).isLessThanOrEqualTo(2000);
    assertThat(r.trace()).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.Refused.class));
  }

  @Test
  void outputTokensAreLoweredToWhatTheDollarCapCanPayFor() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("x");
    Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .budget(Budget.builder().usd(0.002).build())
        .answerReserve(0)
        .build()
        .run("q?");
    Integer max = model.requests.get(0).maxOutputTokens();
    assertThat(max).isLessThan(1024).isGreaterThan(16);
    // the reserved call, priced at its estimate, fits within $0.002
    assertThat(max * 4.0 / 1e6).isLessThanOrEqualTo(0.002);
  }

  @Test
  void aCancelledRunStopsBeforeItsNextCall() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("never");
    Cancellation c = new Cancellation();
    c.cancel();
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .build()
            .run("q?", c);
    assertThat(r.stopReason()).isEqualTo(new StopReason.Cancelled());
    assertThat(model.requests).isEmpty();
    assertThat(r.ledger().reserved()).isEqualTo(Spend.ZERO);
  }

  @Test
  void aFailingListenerNeverBreaksTheRun() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("fine");
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .listener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .build()
            .run("q?");
    assertThat(r.answer()).contains("fine");
    assertThat(r.trace()).last().isInstanceOf(RunEvent.RunFinished.class);
  }

  @Test
  void theBuilderNamesWhatIsMissingOrWrong() {
    ScriptedChatModel model = new ScriptedChatModel();
    assertThatThrownBy(() -> Agent.builder().budget(Budget.unlimited()).prices(PRICES).build())
        .hasMessageStartingWith("no model");
    assertThatThrownBy(() -> Agent.builder().budget(Budget.unlimited()).model("m", model).build())
        .hasMessageStartingWith("no prices");
    assertThatThrownBy(
            () ->
                Agent.builder()
                    .budget(Budget.unlimited())
                    .model("other", model)
                    .prices(PRICES)
                    .build())
        .isInstanceOf(UnknownModelException.class);
    assertThatThrownBy(() -> Agent.builder().budget(Budget.unlimited()).maxSteps(3).maxSteps(4))
        .hasMessage("maxSteps was already set");
    assertThatThrownBy(() -> Agent.builder().budget(Budget.unlimited()).maxSteps(0))
        .hasMessage("maxSteps must be >= 1, got 0");
    assertThatThrownBy(() -> Agent.builder().budget(Budget.unlimited()).answerReserve(0.9))
        .hasMessageContaining("answerReserve must be in [0, 0.5]");
  }

  @Test
  void answersAreReadFromTagsOrFinalAnswerLines() {
    assertThat(Answers.extract("thinking... <answer> Paris </answer>")).contains("Paris");
    assertThat(Answers.extract("Final Answer: 42")).contains("42");
    assertThat(Answers.extract("<answer>None</answer>")).isEmpty();
    assertThat(Answers.extract("  ")).isEmpty();
    assertThat(List.of(Answers.extract("plain").orElseThrow())).containsExactly("plain");
  }

  @Test
  void aForcedAnswerIsPaidFromTheLedgerItIsGiven() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("from the reserve");
    Strategy probe =
        new Strategy() {
          @Override
          public String name() {
            return "probe";
          }

          @Override
          public Outcome run(RunContext ctx) {
            var broke = ctx.ledger().child(Budget.builder().outputTokens(0).build());
            var conversation =
                List.<dev.langchain4j.data.message.ChatMessage>of(
                    dev.langchain4j.data.message.UserMessage.from("q?"));
            assertThat(ctx.forceAnswer(conversation, broke)).isEmpty();
            return new Outcome(
                ctx.forceAnswer(conversation).orElse(null), new StopReason.Answered(), true);
          }
        };
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .strategy(probe)
            .build()
            .run("q?");
    assertThat(r.answer()).contains("from the reserve");
    assertThat(model.requests).hasSize(1);
    // forced answers are notes until the strategy picks the run's answer, traced once
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.AnswerGiven)
        .containsExactly(new RunEvent.AnswerGiven(r.runId(), 0, "from the reserve", true));
    assertThat(r.trace())
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        new RunEvent.Note(r.runId(), 0, "forced-answer", "from the reserve")));
    assertThat(r.trace()).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.Refused.class));
  }
}
