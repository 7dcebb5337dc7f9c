package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.Lookup;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.PlanAndBudget.Decay;
import dev.frugal.core.strategy.PlanAndBudget.SubQuestion;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PlanAndBudgetTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();

  @Test
  void sharesFollowComplexityTimesAFrontLoadedDecay() {
    List<SubQuestion> plan =
        List.of(new SubQuestion("a?", 3), new SubQuestion("b?", 1), new SubQuestion("c?", 1));
    // polynomial(1) over 3: decay 1, 2/3, 1/3; weights 3, 2/3, 1/3 of 4
    double[] f = PlanAndBudget.fractions(plan, Decay.polynomial(1));
    assertThat(f[0]).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f[1]).isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f[2]).isCloseTo(1.0 / 12, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PlanAndBudget.split(12, f)).containsExactly(9, 2, 1);
    // equal complexities without decay: an even split, the leftover unit to one share
    double[] even =
        PlanAndBudget.fractions(
            List.of(new SubQuestion("a?", 2), new SubQuestion("b?", 2)), Decay.none());
    assertThat(PlanAndBudget.split(5, even)).containsExactly(3, 2);
    // cosine starts at 1 and falls, never to 0
    assertThat(Decay.cosine().at(0, 4)).isEqualTo(1.0);
    assertThat(Decay.cosine().at(3, 4)).isGreaterThan(0).isLessThan(Decay.cosine().at(2, 4));
  }

  @Test
  void theSharesAlwaysAddUpToTheTotalAndEveryShareGetsAUnitWhenThereAreEnough() {
    double[] skewed = {0.97, 0.01, 0.01, 0.01};
    assertThat(PlanAndBudget.split(10, skewed)).containsExactly(7, 1, 1, 1);
    assertThat(PlanAndBudget.split(2, skewed)).containsExactly(2, 0, 0, 0);
    java.util.Random rnd = new java.util.Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + rnd.nextInt(6);
      List<SubQuestion> plan = new ArrayList<>();
      for (int i = 0; i < n; i++) plan.add(new SubQuestion("q" + i + "?", 1 + rnd.nextInt(5)));
      long total = rnd.nextInt(1000);
      long[] parts = PlanAndBudget.split(total, PlanAndBudget.fractions(plan, Decay.cosine()));
      assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(total);
      assertThat(java.util.Arrays.stream(parts).min().orElse(0)).isNotNegative();
    }
  }

  @Test
  void aPlanReplyIsParsedClampedAndCutToTheMaximum() {
    List<SubQuestion> p =
        PlanAndBudget.parse(
            "{\"sub_questions\": [{\"question\": \"Who?\", \"complexity\": 9},"
                + " {\"question\": \"When?\"}, {\"question\": \"Where?\", \"complexity\": 0}]}",
            2);
    assertThat(p).containsExactly(new SubQuestion("Who?", 5), new SubQuestion("When?", 3));
    assertThatThrownBy(() -> PlanAndBudget.parse("<answer>x</answer>", 4)).hasMessage("not JSON");
    assertThatThrownBy(() -> PlanAndBudget.parse("{\"steps\": []}", 4))
        .hasMessage("no \"sub_questions\" array");
  }

  @Test
  void eachSubQuestionIsAnsweredWithinItsShareThenTheFinalAnswer() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .then(
                AiMessage.from(
                    "{\"sub_questions\": [{\"question\": \"Who directed Jaws?\", \"complexity\": 3},"
                        + " {\"question\": \"When was he born?\", \"complexity\": 1}]}"));
    // sub-question 1 (complexity 3, decay 1: 3/3.5 of 7 lookups = 6): looks up until its share ends
    for (int i = 0; i < 6; i++) model.thenTool("lookup", "{\"word\": \"a" + i + "\"}");
    model.thenAnswer("Spielberg"); // the forced answer of sub-question 1 (its share spent)
    // sub-question 2 (complexity 1, decay 1/2: 1 lookup)
    model.thenTool("lookup", "{\"word\": \"b\"}");
    model.thenAnswer("1946");
    model.thenAnswer("1946"); // the final answer
    Lookup tool = new Lookup();
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tool)
            .strategy(PlanAndBudget.withDefaults())
            .budget(Budget.builder().toolUnits("lookup", 7).build())
            .build()
            .run("When was the director of Jaws born?");
    assertThat(r.answer()).contains("1946");
    assertThat(tool.calls).hasValue(7);
    assertThat(model.requests.get(0).responseFormat().jsonSchema().name())
        .isEqualTo("plan_and_budget");
    assertThat(notes(r)).singleElement().asString().contains("'lookup'=6").contains("'lookup'=1");
    // the final call sees both sub-answers and the original question
    var last = model.requests.get(model.requests.size() - 1);
    assertThat(last.toolSpecifications()).isEmpty();
    assertThat(((UserMessage) last.messages().get(last.messages().size() - 1)).singleText())
        .contains("When was the director of Jaws born?");
  }

  @Test
  void anUnusablePlanLeavesTheWholeBudgetToTheQuestionItself() {
    ScriptedChatModel model =
        new ScriptedChatModel().thenAnswer("no JSON here").thenAnswer("Paris");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .strategy(PlanAndBudget.withDefaults())
            .budget(Budget.builder().usd(10).build())
            .build()
            .run("Capital of France?");
    assertThat(r.answer()).contains("Paris");
    assertThat(model.requests).hasSize(2);
    assertThat(r.trace())
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        RunEvent.Note.class,
                        n -> assertThat(n.text()).startsWith("unusable plan (not JSON)")));
  }

  @Test
  void concurrentRunsNeverSpendBeyondTheirBudgetsOrTheBatch() throws Exception {
    // every turn asks for a lookup: each run and the batch must stop it
    dev.langchain4j.model.chat.ChatModel model =
        new dev.langchain4j.model.chat.ChatModel() {
          final java.util.concurrent.atomic.AtomicInteger n =
              new java.util.concurrent.atomic.AtomicInteger();

          @Override
          public dev.langchain4j.model.chat.response.ChatResponse doChat(
              dev.langchain4j.model.chat.request.ChatRequest request) {
            int i = n.incrementAndGet();
            AiMessage m =
                request.responseFormat() != null
                    ? AiMessage.from(
                        "{\"sub_questions\": [{\"question\": \"x?\", \"complexity\": 2},"
                            + " {\"question\": \"y?\", \"complexity\": 5}]}")
                    : request.toolSpecifications().isEmpty()
                        ? AiMessage.from("<answer>z</answer>")
                        : AiMessage.from(
                            dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                                .id("c" + i)
                                .name("lookup")
                                .arguments("{\"word\": \"w" + i + "\"}")
                                .build());
            return dev.langchain4j.model.chat.response.ChatResponse.builder()
                .aiMessage(m)
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(10, 5))
                .build();
          }
        };
    Lookup tool = new Lookup();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      Agent agent =
          Agent.builder()
              .model("m", model)
              .prices(PRICES)
              .toolsFrom(tool)
              .strategy(PlanAndBudget.withDefaults())
              .executor(pool)
              .budget(Budget.builder().toolUnits("lookup", 9).build())
              .build();
      List<String> qs = new ArrayList<>();
      for (int i = 0; i < 10; i++) qs.add("q" + i + "?");
      List<RunResult> rs = agent.runAll(qs, Budget.builder().toolUnits("lookup", 50).build());
      long spent = rs.stream().mapToLong(r -> r.toolUnits().getOrDefault("lookup", 0L)).sum();
      assertThat(spent).isEqualTo(tool.calls.get()).isLessThanOrEqualTo(50);
      assertThat(rs)
          .allSatisfy(
              r -> assertThat(r.toolUnits().getOrDefault("lookup", 0L)).isLessThanOrEqualTo(9L));
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> notes(RunResult r) {
    return r.trace().stream()
        .filter(e -> e instanceof RunEvent.Note n && n.kind().equals("plan-and-budget"))
        .map(e -> ((RunEvent.Note) e).text())
        .toList();
  }
}
