package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.dataset.AnswerMetrics;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedChatModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Question Q0 = TestWorld.DATASET.questions().get(0);
  private static final String SYSTEM = "You answer questions with the tools you are given.";
  private static final String TRACKER_SYSTEM =
      SYSTEM
          + "\n\n## Budget Tracker\nYou have budgets.\n"
          + "- HIGH (>= 70% left): explore; 3-5 diverse queries per search, open 2-3 results.\n"
          + "- MEDIUM (30-70% left): converge; 2-3 refined queries, open 1-2 results.\n"
          + "- LOW (10-30% left): verify or finish; 1 focused query, open at most 1 result.\n"
          + "- CRITICAL (< 10% left, or any tool at 0): answer with what you know.\n";

  private static ChatRequest withTools(List<ChatMessage> msgs) {
    return ChatRequest.builder()
        .messages(msgs)
        .toolSpecifications(TestWorld.TOOLS.specifications())
        .build();
  }

  private static List<ChatMessage> opening(String system, Question q) {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(system));
    msgs.add(UserMessage.from("Question: " + q.text()));
    return msgs;
  }

  /** Runs a real tool call and appends the call and its result, as the engine would. */
  private static void callTool(List<ChatMessage> msgs, String tool, String args, String suffix)
      throws Exception {
    ToolExecutionRequest req =
        ToolExecutionRequest.builder().id("t" + msgs.size()).name(tool).arguments(args).build();
    msgs.add(AiMessage.from(req));
    ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) TestWorld.TOOLS.prepare(req);
    String text = ready.tool().execute(ready.call()).text();
    msgs.add(ToolExecutionResultMessage.from(req, suffix == null ? text : text + "\n" + suffix));
  }

  private static JsonNode args(AiMessage ai) throws Exception {
    assertThat(ai.toolExecutionRequests()).hasSize(1);
    return JSON.readTree(ai.toolExecutionRequests().get(0).arguments());
  }

  private static String answerOf(AiMessage ai) {
    assertThat(ai.hasToolExecutionRequests()).isFalse();
    assertThat(ai.text()).startsWith("<answer>").endsWith("</answer>");
    return ai.text().substring("<answer>".length(), ai.text().length() - "</answer>".length());
  }

  @Test
  void sampledRequestsDifferFromCallToCallYetReplayPerInstance() {
    List<ChatRequest> asked = new ArrayList<>();
    for (Question q : TestWorld.DATASET.questions().subList(0, 20)) {
      asked.add(withTools(opening(SYSTEM, q)).toBuilder().temperature(1.0).build());
    }
    SimulatedChatModel a = TestWorld.model(SimProfile.small(), 11);
    SimulatedChatModel b = TestWorld.model(SimProfile.small(), 11);
    List<AiMessage> first = new ArrayList<>();
    List<AiMessage> again = new ArrayList<>();
    List<AiMessage> replay = new ArrayList<>();
    for (ChatRequest r : asked) first.add(a.chat(r).aiMessage());
    for (ChatRequest r : asked) again.add(a.chat(r).aiMessage());
    for (ChatRequest r : asked) replay.add(b.chat(r).aiMessage());
    assertThat(again).as("sampling again draws afresh").isNotEqualTo(first);
    assertThat(replay).as("a new instance replays the same sequence").isEqualTo(first);

    SimulatedChatModel greedy = TestWorld.model(SimProfile.small(), 11);
    ChatRequest plain = withTools(opening(SYSTEM, Q0));
    assertThat(greedy.chat(plain).aiMessage()).isEqualTo(greedy.chat(plain).aiMessage());
  }

  @Test
  void outputTokensNeverExceedTheRequestsMaximumLikeAHostedModel() {
    SimulatedChatModel model = TestWorld.model(SimProfile.large(), 3);
    ChatRequest capped = withTools(opening(SYSTEM, Q0)).toBuilder().maxOutputTokens(7).build();
    ChatResponse r = model.chat(capped);
    assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(7);
    assertThat(r.finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.LENGTH);
    ChatResponse free = model.chat(withTools(opening(SYSTEM, Q0)));
    assertThat(free.tokenUsage().outputTokenCount()).isGreaterThan(7);
  }

  @Test
  void theSameSeedReplaysTheSameConversations() {
    List<Question> sample = TestWorld.DATASET.questions().subList(0, 10);
    TestWorld.EngineLoop a = TestWorld.loop(TestWorld.model(SimProfile.small(), 7), 10, true);
    TestWorld.EngineLoop b = TestWorld.loop(TestWorld.model(SimProfile.small(), 7), 10, true);
    for (Question q : sample) {
      TestWorld.Episode x = a.run(q);
      TestWorld.Episode y = b.run(q);
      assertThat(y.replies()).as(q.id()).isEqualTo(x.replies());
      assertThat(y.inputTokens()).isEqualTo(x.inputTokens());
      assertThat(y.outputTokens()).isEqualTo(x.outputTokens());
    }
  }

  @Test
  void aRequestGetsTheSameReplyWhateverCameBefore() {
    SimulatedChatModel model = TestWorld.model(SimProfile.small(), 3);
    ChatRequest first = withTools(opening(SYSTEM, Q0));
    ChatRequest other = withTools(opening(SYSTEM, TestWorld.DATASET.questions().get(5)));
    ChatResponse before = model.chat(first);
    model.chat(other);
    model.chat(other);
    assertThat(model.chat(first).aiMessage()).isEqualTo(before.aiMessage());
    assertThat(model.chat(first).tokenUsage()).isEqualTo(before.tokenUsage());
  }

  @Test
  void differentSeedsPlayDifferently() {
    List<Question> sample = TestWorld.DATASET.questions().subList(0, 10);
    TestWorld.EngineLoop a = TestWorld.loop(TestWorld.model(SimProfile.small(), 1), 10, false);
    TestWorld.EngineLoop b = TestWorld.loop(TestWorld.model(SimProfile.small(), 2), 10, false);
    boolean anyDifference = false;
    for (Question q : sample) {
      anyDifference |= !a.run(q).replies().equals(b.run(q).replies());
    }
    assertThat(anyDifference).isTrue();
  }

  @Test
  void theFirstStepSearchesWithOneToQueriesPerCallQueries() throws Exception {
    int max = (int) SimProfile.small().value(SimParameter.QUERIES_PER_CALL);
    for (Question q : TestWorld.DATASET.questions().subList(0, 20)) {
      AiMessage ai =
          TestWorld.model(TestWorld.noMemory(SimProfile.small()), 0)
              .chat(withTools(opening(SYSTEM, q)))
              .aiMessage();
      assertThat(ai.toolExecutionRequests().get(0).name()).isEqualTo("search");
      JsonNode queries = args(ai).get("queries");
      assertThat(queries.size()).as(q.id()).isBetween(1, max);
      queries.forEach(n -> assertThat(n.asText()).isNotBlank());
    }
  }

  @Test
  void firstQueriesUseOnlyTheQuestionsOwnWords() throws Exception {
    SimProfile focused =
        TestWorld.noMemory(SimProfile.large()).with(SimParameter.QUERY_FOCUS, 1, "test: focused");
    for (Question q : TestWorld.DATASET.questions().subList(0, 30)) {
      AiMessage ai = TestWorld.model(focused, 0).chat(withTools(opening(SYSTEM, q))).aiMessage();
      String question = q.text().toLowerCase(java.util.Locale.ROOT);
      for (JsonNode query : args(ai).get("queries")) {
        for (String word : query.asText().split("\\s+")) {
          assertThat(question)
              .as(q.id() + ": " + query.asText())
              .contains(word.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
  }

  @Test
  void theBatchSizeIsReadFromTheAdviceInThePromptSent() throws Exception {
    String advice = TRACKER_SYSTEM.replace("3-5 diverse queries", "7-8 diverse queries");
    List<ChatMessage> msgs = opening(advice, Q0);
    msgs.set(
        0,
        SystemMessage.from(
            advice
                + " <budget>Query Budget Used: 0, Query Budget Remaining: 20, Open Budget Used: 0,"
                + " Open Budget Remaining: 20</budget>"));
    AiMessage ai =
        TestWorld.model(TestWorld.obedient(SimProfile.small()), 0)
            .chat(withTools(msgs))
            .aiMessage();
    assertThat(args(ai).get("queries").size()).isBetween(7, 8);
  }

  @Test
  void aHighBudgetShownByTheTrackerBringsThreeToFiveQueries() throws Exception {
    for (Question q : TestWorld.DATASET.questions().subList(0, 20)) {
      List<ChatMessage> msgs = opening(TRACKER_SYSTEM, q);
      msgs.set(
          0,
          SystemMessage.from(
              TRACKER_SYSTEM
                  + " <budget>Query Budget Used: 0, Query Budget Remaining: 10, Open Budget Used: 0,"
                  + " Open Budget Remaining: 10</budget>"));
      AiMessage ai =
          TestWorld.model(TestWorld.obedient(SimProfile.small()), 0)
              .chat(withTools(msgs))
              .aiMessage();
      assertThat(args(ai).get("queries").size()).as(q.id()).isBetween(3, 5);
    }
  }

  @Test
  void aLowBudgetShownByTheTrackerBringsOneQuery() throws Exception {
    SimProfile persistent =
        TestWorld.obedient(SimProfile.small())
            .with(SimParameter.PATIENCE_LOW_BUDGET, 9, "test: never give up");
    for (Question q : TestWorld.DATASET.questions().subList(0, 10)) {
      List<ChatMessage> msgs = opening(TRACKER_SYSTEM, q);
      callTool(
          msgs,
          "search",
          "{\"queries\": [\"the of\"]}",
          "<budget>Query Budget Used: 8, Query Budget Remaining: 2, Open Budget Used: 0, Open Budget"
              + " Remaining: 10</budget>");
      AiMessage ai = TestWorld.model(persistent, 0).chat(withTools(msgs)).aiMessage();
      assertThat(args(ai).get("queries").size()).as(q.id()).isEqualTo(1);
    }
  }

  @Test
  void aShownResultThatMatchesTheQuestionIsOpenedByItsId() throws Exception {
    SimProfile sure = SimProfile.small().with(SimParameter.OPEN_NOISE, 0, "test: no noise");
    String title = Q0.supportingTitles().get(1);
    List<ChatMessage> msgs = opening(SYSTEM, Q0);
    callTool(msgs, "search", "{\"queries\": [\"" + title + "\"]}", null);

    AiMessage ai = TestWorld.model(sure, 0).chat(withTools(msgs)).aiMessage();

    assertThat(ai.toolExecutionRequests().get(0).name()).isEqualTo("open");
    String id = args(ai).get("ids").get(0).asText();
    assertThat(((ToolExecutionResultMessage) msgs.get(msgs.size() - 1)).text())
        .as("the id opened was shown")
        .contains("[" + id + "]");
  }

  @Test
  void withEveryFactUnderstoodTheForcedAnswerIsTheSpanInTheContext() throws Exception {
    SimProfile expert =
        SimProfile.small()
            .with(SimParameter.READ_SKILL, 1, "test: reads every fact")
            .with(SimParameter.DIFFICULTY_WEIGHT, 0, "test: no difficulty")
            .with(SimParameter.SLIP_RATE, 0, "test: never slips");
    List<ChatMessage> msgs = opening(SYSTEM, Q0);
    StringBuilder titles = new StringBuilder();
    for (String t : Q0.supportingTitles())
      titles.append(titles.length() > 0 ? "\", \"" : "").append(t);
    callTool(msgs, "open", "{\"ids\": [\"" + titles + "\"]}", null);
    msgs.add(UserMessage.from("Your budget is used up. Give your best final answer now."));

    AiMessage ai =
        TestWorld.model(expert, 0).chat(ChatRequest.builder().messages(msgs).build()).aiMessage();

    String answer = answerOf(ai);
    assertThat(AnswerMetrics.exactMatch(answer, Q0.answers())).as(answer).isTrue();
    assertThat(((ToolExecutionResultMessage) msgs.get(msgs.size() - 2)).text()).contains(answer);
  }

  @Test
  void withNothingReadTheForcedAnswerIsYesNoOrUnknown() {
    for (Question q : TestWorld.DATASET.questions().subList(0, 20)) {
      List<ChatMessage> msgs = opening(SYSTEM, q);
      AiMessage ai =
          TestWorld.model(TestWorld.noMemory(SimProfile.small()), 0)
              .chat(ChatRequest.builder().messages(msgs).build())
              .aiMessage();
      assertThat(answerOf(ai)).as(q.id()).isIn("yes", "no", "unknown");
    }
  }

  @Test
  void aToolRefusedForBudgetIsNotCalledAgain() throws Exception {
    SimProfile persistent =
        SimProfile.small().with(SimParameter.PATIENCE, 9, "test: never gives up");
    List<ChatMessage> msgs = opening(SYSTEM, Q0);
    ToolExecutionRequest req =
        ToolExecutionRequest.builder()
            .id("t1")
            .name("search")
            .arguments("{\"queries\": [\"x\"]}")
            .build();
    msgs.add(AiMessage.from(req));
    msgs.add(
        ToolExecutionResultMessage.from(
            req,
            "ERROR: budget refused: 'search' needs 1 units but 0 remain. The call was not made."));

    AiMessage ai = TestWorld.model(persistent, 0).chat(withTools(msgs)).aiMessage();

    assertThat(ai.hasToolExecutionRequests()).isFalse();
    assertThat(answerOf(ai)).isNotBlank();
  }

  @Test
  void anUnknownQuestionIsAClearError() {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(SYSTEM));
    msgs.add(UserMessage.from("Question: What is the airspeed velocity of an unladen swallow?"));
    SimulatedChatModel model = TestWorld.model(SimProfile.small(), 0);

    assertThatThrownBy(() -> model.chat(withTools(msgs)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hotpotqa-dev500")
        .hasMessageContaining("unladen swallow")
        .hasMessageContaining("verbatim");
  }

  @Test
  void usageCountsCharactersOverFourAndNamesTheSimulation() {
    List<ChatMessage> msgs = opening(SYSTEM, Q0);
    ChatResponse r = TestWorld.model(SimProfile.small(), 0).chat(withTools(msgs));

    int chars = SYSTEM.length() + ("Question: " + Q0.text()).length();
    long specs = SimulatedChatModel.specChars(withTools(msgs));
    assertThat(specs).as("tool names, descriptions and parameters are billed").isGreaterThan(50);
    assertThat(r.tokenUsage().inputTokenCount()).isEqualTo((int) ((chars + specs) / 4));
    double mean = SimProfile.small().value(SimParameter.THOUGHT_TOKENS);
    int reply = (Transcript.textOf(r.aiMessage()).length() + 3) / 4;
    assertThat(r.tokenUsage().outputTokenCount())
        .isBetween((int) (mean / 2) + reply, (int) Math.ceil(mean * 1.5) + reply);
    assertThat(r.modelName()).isEqualTo("sim-small");
  }

  @Test
  void latencyIsWaitedOutThroughTheInjectedSleeper() {
    List<Long> slept = new ArrayList<>();
    SimulatedChatModel model =
        SimulatedChatModel.builder()
            .profile(SimProfile.large())
            .world(TestWorld.WORLD)
            .sleeper(slept::add)
            .build();
    model.chat(withTools(opening(SYSTEM, Q0)));
    assertThat(slept)
        .containsExactly(Math.round(SimProfile.large().value(SimParameter.LATENCY_MS)));
  }

  @Test
  void buildingWithoutAWorldSaysWhatIsMissing() {
    assertThatThrownBy(() -> SimulatedChatModel.builder().profile(SimProfile.small()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("world");
  }
}
