package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.Lookup;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PetsTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();

  @Test
  void theAgreementPatternIsTheGroupSizesLargestFirst() {
    assertThat(Pets.pattern(List.of("Paris", "paris.", "Paris", "The Paris"), 4)).isEqualTo("4-0");
    assertThat(Pets.pattern(List.of("a", "b", "a", "a"), 4)).isEqualTo("3-1");
    assertThat(Pets.pattern(List.of("a", "b", "b", "a"), 4)).isEqualTo("2-2");
    assertThat(Pets.pattern(List.of("a", "b", "c", "a"), 4)).isEqualTo("2-1-1");
    // two samples without an answer: each a group of its own, never a group together
    assertThat(Pets.pattern(List.of("a", "a"), 4)).isEqualTo("2-1-1");
    assertThat(Pets.pattern(List.of(), 4)).isEqualTo("1-1-1-1");
  }

  @Test
  void aSampleThatCouldNotAnswerIsNoVote() {
    ScriptedChatModel model = new ScriptedChatModel();
    for (String a : List.of("None", "Paris", "none.", "Paris", "Paris", "Paris")) {
      model.thenAnswer(a);
    }
    RunResult r = agent(model, Pets.withDefaults()).run("Capital of France?");
    // None twice is no 2-2 split: the pattern is 2-1-1; two more Paris settle it (4 to 0, 2 left)
    assertThat(notes(r, "pets")).first().isEqualTo("warm-up pattern 2-1-1: up to 4 extra samples");
    assertThat(r.answer()).contains("Paris");
    assertThat(model.requests).hasSize(6);
    assertThat(Pets.votes("The None")).isFalse();
    assertThat(Pets.votes("Nonesuch")).isTrue();
  }

  @Test
  void theVoteIsSettledOnlyWhenTheRemainingVotesCannotChangeTheWinner() {
    Map<String, Integer> threeOne = new LinkedHashMap<>(Map.of("a", 3));
    threeOne.put("b", 1);
    assertThat(Pets.settled(threeOne, 1)).isTrue(); // 3-1 plus one vote: at best 3-2
    assertThat(Pets.settled(threeOne, 2)).isFalse(); // 3-3 is possible: a tie is not settled
    assertThat(Pets.settled(Map.of("a", 2, "b", 2), 0)).isFalse();
    assertThat(Pets.settled(Map.of(), 0)).isFalse();
  }

  @Test
  void theDefaultTableCoversEveryPatternOfFourAndTheBudgetPlansForTheLargestBucket() {
    assertThat(Pets.patternsOf(4)).containsExactly("4-0", "3-1", "2-2", "2-1-1", "1-1-1-1");
    Pets p = Pets.withDefaults();
    assertThat(p.extrasFor("4-0")).isZero();
    assertThat(p.extrasFor("2-2")).isEqualTo(4);
    assertThat(p.plannedSamples()).isEqualTo(8);
    // the paper's cap bounds the extras: warm-up 4, cap 6 leaves at most 2 per question
    assertThat(Pets.builder().cap(6).build().extrasFor("2-2")).isEqualTo(2);
    assertThat(Pets.builder().cap(6).build().plannedSamples()).isEqualTo(6);
  }

  @Test
  void aTableMissingAPatternIsRefusedNamingIt() {
    assertThatThrownBy(() -> Pets.builder().warmup(3).extras("3-0", 0).extras("2-1", 2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing [1-1-1]");
    assertThatThrownBy(
            () ->
                Pets.builder().warmup(2).extras("2-0", 0).extras("1-1", 1).extras("3-1", 1).build())
        .hasMessageContaining("not a pattern of 2 samples: [3-1]");
    assertThatThrownBy(() -> Pets.builder().warmup(5).cap(4).build())
        .hasMessageContaining("cap (4) must be at least the warm-up (5)");
  }

  @Test
  void aUnanimousWarmUpDrawsNoExtraSample() {
    ScriptedChatModel model = new ScriptedChatModel();
    for (int i = 0; i < 4; i++) model.thenAnswer("Paris");
    RunResult r = agent(model, Pets.withDefaults()).run("Capital of France?");
    assertThat(r.answer()).contains("Paris");
    assertThat(model.requests).hasSize(4);
    assertThat(notes(r, "pets")).contains("warm-up pattern 4-0: up to 0 extra samples");
  }

  @Test
  void aSplitWarmUpDrawsExtrasOnlyUntilTheVoteIsSettled() {
    ScriptedChatModel model = new ScriptedChatModel();
    for (String a : List.of("Paris", "Lyon", "Paris", "Lyon", "Paris", "Paris", "Paris")) {
      model.thenAnswer(a);
    }
    RunResult r = agent(model, Pets.withDefaults()).run("Capital of France?");
    // 2-2 allows 4 extras; after 3 more for Paris the vote is 5-2 with 1 left: settled
    assertThat(model.requests).hasSize(7);
    assertThat(r.answer()).contains("Paris");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(notes(r, "pets"))
        .contains(
            "warm-up pattern 2-2: up to 4 extra samples", "stopped after 3 of 4 extra samples");
  }

  @Test
  void everySampleSpendsFromItsShareOfThePlannedSamples() {
    // 16 lookups over 8 planned samples: 2 each; every sample tries to look up forever
    ScriptedChatModel model = new ScriptedChatModel().toolCallsUntilForced(200, "lookup", "x");
    Lookup tool = new Lookup();
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tool)
            .strategy(Pets.builder().minUnitsPerSample(2).build())
            .budget(Budget.builder().toolUnits("lookup", 16).build())
            .build()
            .run("q?");
    // a unanimous warm-up ("x" four times): 4 samples of 2 lookups, half the budget left unspent
    assertThat(tool.calls).hasValue(8);
    assertThat(r.toolUnits()).containsEntry("lookup", 8L);
    assertThat(r.answer()).contains("x");
  }

  /**
   * A model that looks a word up on every turn offering tools, so each sample spends its whole
   * share, and answers a new answer when forced (no tools offered: every vote differs), recording
   * how many lookups that sample's conversation made.
   */
  static final class SpendsItsShare implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();
    final List<Integer> lookupsPerSample =
        java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public ChatResponse doChat(ChatRequest request) {
      int n = calls.incrementAndGet();
      AiMessage m;
      if (request.toolSpecifications().isEmpty()) {
        lookupsPerSample.add(
            (int)
                request.messages().stream()
                    .filter(
                        x -> x instanceof dev.langchain4j.data.message.ToolExecutionResultMessage)
                    .count());
        m = AiMessage.from("<answer>a" + n + "</answer>");
      } else {
        m =
            AiMessage.from(
                dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                    .id("c" + n)
                    .name("lookup")
                    .arguments("{\"word\": \"w" + n + "\"}")
                    .build());
      }
      return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(10, 5)).build();
    }
  }

  @Test
  void theBudgetPlansOnlyAsManySamplesAsItCanGiveTheMinimumShare() {
    Pets p = Pets.withDefaults();
    assertThat(p.minUnitsPerSample()).isEqualTo(3);
    Budget ten = Budget.builder().toolUnits("search", 10).toolUnits("open", 10).build();
    Budget twenty = Budget.builder().toolUnits("search", 20).toolUnits("open", 20).build();
    assertThat(p.plannedSamples(ten)).isEqualTo(3);
    assertThat(p.plannedSamples(twenty)).isEqualTo(6);
    // the tightest tool decides; no tool caps leaves the table's plan
    assertThat(p.plannedSamples(Budget.builder().toolUnits("a", 30).toolUnits("b", 7).build()))
        .isEqualTo(2);
    assertThat(p.plannedSamples(Budget.builder().usd(1).build())).isEqualTo(8);
    assertThat(p.plannedSamples(Budget.builder().toolUnits("a", 2).build())).isEqualTo(1);
    assertThatThrownBy(() -> Pets.builder().minUnitsPerSample(0))
        .hasMessageContaining("at least 1 unit per tool, got 0");
  }

  @Test
  void aBudgetOfTenToolUnitsGivesEverySampleAtLeastTheMinimumAndNeverMoreThanTheBudget()
      throws Exception {
    for (boolean concurrent : List.of(false, true)) {
      SpendsItsShare model = new SpendsItsShare();
      Lookup tool = new Lookup();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        AgentBuilder b =
            Agent.builder()
                .model("m", model)
                .prices(PRICES)
                .toolsFrom(tool)
                .strategy(Pets.withDefaults())
                .budget(Budget.builder().toolUnits("lookup", 10).build());
        if (concurrent) b.executor(pool);
        RunResult r = b.build().run("q?");
        // 10 units hold 3 samples of at least 3 lookups (4, 3, 3); before, 8 planned samples of
        // 1 or 2 lookups each
        assertThat(model.lookupsPerSample).as("concurrent " + concurrent).hasSize(3);
        assertThat(model.lookupsPerSample).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
        assertThat(tool.calls.get()).isEqualTo(10);
        assertThat(r.toolUnits().get("lookup")).isLessThanOrEqualTo(10L);
        assertThat(notes(r, "pets"))
            .contains("the budget holds 3 of 8 samples at 3 units per tool each");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aSplitWarmUpGetsOnlyTheExtrasTheBudgetHoldsEachWithTheMinimum() throws Exception {
    SpendsItsShare model = new SpendsItsShare();
    Lookup tool = new Lookup();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      RunResult r =
          Agent.builder()
              .model("m", model)
              .prices(PRICES)
              .toolsFrom(tool)
              .strategy(Pets.withDefaults())
              .executor(pool)
              .budget(Budget.builder().toolUnits("lookup", 15).build())
              .build()
              .run("q?");
      // 15 units plan 5 samples: the all-different warm-up (1-1-1-1) gets 1 of its table's 2
      // extras, and each of the 5 holds 3 lookups
      assertThat(model.lookupsPerSample).hasSize(5);
      assertThat(model.lookupsPerSample).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
      assertThat(tool.calls.get()).isEqualTo(15);
      assertThat(r.toolUnits().get("lookup")).isEqualTo(15L);
      assertThat(notes(r, "pets")).contains("warm-up pattern 1-1-1-1: up to 1 extra samples");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchNeverSpendsBeyondItsBudgetWhateverRunsAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    // each question's samples disagree (a new answer per call) and look a word up first
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            int n = calls.incrementAndGet();
            boolean looked =
                request.messages().stream()
                    .anyMatch(
                        m -> m instanceof dev.langchain4j.data.message.ToolExecutionResultMessage);
            AiMessage m =
                looked || request.toolSpecifications().isEmpty()
                    ? AiMessage.from("<answer>a" + n + "</answer>")
                    : AiMessage.from(
                        dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                            .id("c" + n)
                            .name("lookup")
                            .arguments("{\"word\": \"w" + n + "\"}")
                            .build());
            return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(10, 5)).build();
          }
        };
    Lookup tool = new Lookup();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Agent agent =
          Agent.builder()
              .model("m", model)
              .prices(PRICES)
              .toolsFrom(tool)
              .strategy(Pets.withDefaults())
              .executor(pool)
              .budget(Budget.builder().toolUnits("lookup", 16).build())
              .build();
      List<String> questions = new ArrayList<>();
      for (int i = 0; i < 12; i++) questions.add("question " + i + "?");
      // 12 questions could spend 12 x 16 lookups on their own budgets; the batch allows 40
      List<RunResult> results =
          agent.runAll(questions, Budget.builder().toolUnits("lookup", 40).build());
      assertThat(results).hasSize(12);
      long spent = results.stream().mapToLong(r -> r.toolUnits().getOrDefault("lookup", 0L)).sum();
      assertThat(spent).isEqualTo(tool.calls.get()).isLessThanOrEqualTo(40);
      assertThat(results).allSatisfy(r -> assertThat(r.question()).startsWith("question "));
      assertThat(results.get(5).question()).isEqualTo("question 5?");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchWithABlankQuestionRunsNothing() {
    ScriptedChatModel model = new ScriptedChatModel();
    Agent agent = agent(model, Pets.withDefaults());
    assertThatThrownBy(() -> agent.runAll(List.of("q?", " "), Budget.unlimited()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("question 2 of 2 is blank");
    assertThat(model.requests).isEmpty();
  }

  private static Agent agent(ChatModel model, Pets pets) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .strategy(pets)
        .budget(Budget.builder().usd(100).build())
        .build();
  }

  private static List<String> notes(RunResult r, String kind) {
    return r.trace().stream()
        .filter(e -> e instanceof RunEvent.Note n && n.kind().equals(kind))
        .map(e -> ((RunEvent.Note) e).text())
        .toList();
  }
}
