package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verification, critique and judge requests, recognised from the request as a model would. */
class SelfAssessmentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Question Q0 = TestWorld.DATASET.questions().get(0);
  private static final SimProfile EXACT =
      SimProfile.small()
          .with(SimParameter.READ_SKILL, 1, "test: reads every fact")
          .with(SimParameter.DIFFICULTY_WEIGHT, 0, "test: no difficulty")
          .with(SimParameter.SLIP_RATE, 0, "test: never slips")
          .with(SimParameter.VERIFY_MISS, 0, "test: never misses")
          .with(SimParameter.JUDGE_NOISE, 0, "test: no noise")
          .with(SimParameter.CRITIQUE_NOISE, 0, "test: no noise")
          .with(SimParameter.OVERCONFIDENCE, 0, "test: no bias");

  private static List<ChatMessage> conversationWithFacts(boolean facts) throws Exception {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from("You answer questions."));
    msgs.add(UserMessage.from("Question: " + Q0.text()));
    if (facts) {
      String ids = String.join("\", \"", Q0.supportingTitles());
      msgs.add(toolCall("open", "{\"ids\": [\"" + ids + "\"]}"));
      msgs.add(result((AiMessage) msgs.get(msgs.size() - 1)));
    }
    return msgs;
  }

  private static AiMessage toolCall(String tool, String args) {
    return AiMessage.from(
        ToolExecutionRequest.builder()
            .id("c" + args.hashCode())
            .name(tool)
            .arguments(args)
            .build());
  }

  private static ToolExecutionResultMessage result(AiMessage call) throws Exception {
    ToolExecutionRequest req = call.toolExecutionRequests().get(0);
    ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) TestWorld.TOOLS.prepare(req);
    return ToolExecutionResultMessage.from(req, ready.tool().execute(ready.call()).text());
  }

  private static JsonNode ask(SimProfile profile, List<ChatMessage> msgs, String schemaName)
      throws Exception {
    ChatRequest.Builder b = ChatRequest.builder().messages(msgs);
    if (schemaName != null) {
      b.responseFormat(
          ResponseFormat.builder()
              .type(ResponseFormatType.JSON)
              .jsonSchema(
                  JsonSchema.builder()
                      .name(schemaName)
                      .rootElement(JsonObjectSchema.builder().build())
                      .build())
              .build());
    }
    String text = TestWorld.model(profile, 0).chat(b.build()).aiMessage().text();
    return JSON.readTree(text);
  }

  private static String verifyPrompt(String answer) {
    return "Verify the proposed answer <answer>"
        + answer
        + "</answer> against each constraint:\n- it names a government position\n- the woman"
        + " played Corliss Archer\nReply in JSON with a decision: SUCCESS, CONTINUE or PIVOT.";
  }

  @Test
  void aGoldAnswerBackedByEveryFactIsASuccess() throws Exception {
    List<ChatMessage> msgs = conversationWithFacts(true);
    msgs.add(UserMessage.from(verifyPrompt(Q0.answers().get(0))));

    JsonNode v = ask(EXACT, msgs, "verification");

    assertThat(v.get("decision").asText()).isEqualTo("SUCCESS");
    assertThat(v.get("verification")).hasSize(2);
    assertThat(v.get("verification").get(0).get("constraint").asText())
        .isEqualTo("it names a government position");
    assertThat(v.get("verification").findValuesAsText("status")).containsOnly("satisfied");
  }

  @Test
  void aWrongAnswerAgainstKnownFactsIsContradictedAndPivots() throws Exception {
    List<ChatMessage> msgs = conversationWithFacts(true);
    msgs.add(UserMessage.from(verifyPrompt("Secretary of State")));

    JsonNode v = ask(EXACT, msgs, null);

    assertThat(v.get("decision").asText()).isEqualTo("PIVOT");
    assertThat(v.get("verification").findValuesAsText("status")).containsOnly("contradicted");
  }

  @Test
  void anOverconfidentVerifierApprovesAnAnswerItWasShownButCannotSupport() throws Exception {
    List<ChatMessage> msgs = conversationWithFacts(false);
    AiMessage call = toolCall("search", "{\"queries\": [\"Kiss and Tell\"]}");
    msgs.add(call);
    msgs.add(result(call));
    msgs.add(UserMessage.from(verifyPrompt("Kiss and Tell")));
    SimProfile overconfident = EXACT.with(SimParameter.OVERCONFIDENCE, 1, "test: always approves");

    assertThat(ask(EXACT, msgs, "verification").get("decision").asText()).isEqualTo("CONTINUE");
    assertThat(ask(overconfident, msgs, "verification").get("decision").asText())
        .isEqualTo("SUCCESS");

    // an answer that occurs nowhere in what it was shown is never approved
    msgs.set(msgs.size() - 1, UserMessage.from(verifyPrompt("Secretary of State")));
    assertThat(ask(overconfident, msgs, "verification").get("decision").asText())
        .isEqualTo("CONTINUE");
  }

  @Test
  void aCritiqueScoresANewFactAsProgressAndARefusalAsASetback() throws Exception {
    List<ChatMessage> progress = conversationWithFacts(true);
    progress.add(UserMessage.from("Rate the newest step. Reply as JSON {\"score\": x}."));
    assertThat(ask(EXACT, progress, null).get("score").asDouble()).isGreaterThan(0);

    List<ChatMessage> setback = conversationWithFacts(false);
    AiMessage call = toolCall("search", "{\"queries\": [\"Corliss Archer\"]}");
    setback.add(call);
    setback.add(
        ToolExecutionResultMessage.from(
            call.toolExecutionRequests().get(0), "ERROR: budget refused. The call was not made."));
    setback.add(UserMessage.from("Rate the newest step."));
    double score = ask(EXACT, setback, "critique").get("score").asDouble();
    assertThat(score).isLessThan(0).isGreaterThanOrEqualTo(-1);
  }

  @Test
  void critiquesOfDifferentStepsDrawIndependentNoise() throws Exception {
    // the same shape (same number of messages), different steps: a tree's siblings
    java.util.Set<Double> scores = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      List<ChatMessage> msgs = conversationWithFacts(false);
      AiMessage call = toolCall("search", "{\"queries\": [\"unrelated words " + i + "\"]}");
      msgs.add(call);
      msgs.add(
          ToolExecutionResultMessage.from(call.toolExecutionRequests().get(0), "no results " + i));
      msgs.add(UserMessage.from("Rate the newest step."));
      SimProfile noisy = SimProfile.small(); // critique noise 0.3
      scores.add(ask(noisy, msgs, "critique").get("score").asDouble());
      assertThat(ask(noisy, msgs, "critique").get("score").asDouble())
          .as("the same request gets the same reply")
          .isEqualTo(ask(noisy, msgs, "critique").get("score").asDouble());
    }
    assertThat(scores).hasSizeGreaterThan(6);
  }

  @Test
  void aJudgeFollowsTheVerdictsInItsRequestNotTheGoldAndNeverPicksNone() throws Exception {
    List<ChatMessage> msgs = conversationWithFacts(false);
    msgs.add(
        UserMessage.from(
            "Notes from the checks of the proposed answers:\nAnswer \"Secretary of State\" (attempt"
                + " 1): SUCCESS (2/2 satisfied)\nAnswer \""
                + Q0.answers().get(0)
                + "\" (attempt 2): PIVOT (0/2 satisfied, 2 contradicted)"));
    msgs.add(
        UserMessage.from(
            "Pick the best answer. Reply as JSON {\"choice\": n}.\n1. Secretary of State\n2. "
                + Q0.answers().get(0)
                + "\n3. None"));

    // the verdicts favour the wrong answer, and a judge that reads only its request follows them
    assertThat(ask(EXACT, msgs, "judge").get("choice").asInt()).isEqualTo(1);

    List<ChatMessage> unnoted = conversationWithFacts(false);
    unnoted.add(UserMessage.from("Pick one. Reply as JSON {\"choice\": n}.\n1. None\n2. Paris"));
    assertThat(ask(EXACT, unnoted, "judge").get("choice").asInt()).isEqualTo(2);
  }

  @Test
  void theVerifiersVerdictOnAnIdenticalRequestDoesNotDependOnTheAgentsSeed() throws Exception {
    // each role reads with its own draws: the verifier is not a replay of the agent's stream
    SimProfile small = TestWorld.noMemory(SimProfile.small());
    int requests = 0;
    for (Question q : TestWorld.DATASET.questions().subList(0, 12)) {
      List<ChatMessage> msgs = new ArrayList<>();
      msgs.add(SystemMessage.from("You answer questions."));
      msgs.add(UserMessage.from("Question: " + q.text()));
      String ids = String.join("\", \"", q.supportingTitles());
      msgs.add(toolCall("open", "{\"ids\": [\"" + ids + "\"]}"));
      msgs.add(result((AiMessage) msgs.get(msgs.size() - 1)));
      msgs.add(UserMessage.from(verifyPrompt(q.answers().get(0))));
      ChatRequest request = verification(msgs);
      String first = TestWorld.model(small, 1).chat(request).aiMessage().text();
      for (long seed : new long[] {2, 7, 1234567}) {
        assertThat(TestWorld.model(small, seed).chat(request).aiMessage().text())
            .as(q.id() + " seed " + seed)
            .isEqualTo(first);
      }
      requests++;
    }
    assertThat(requests).isEqualTo(12);
  }

  private static ChatRequest verification(List<ChatMessage> msgs) {
    return ChatRequest.builder()
        .messages(msgs)
        .responseFormat(
            ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(
                    JsonSchema.builder()
                        .name("verification")
                        .rootElement(JsonObjectSchema.builder().build())
                        .build())
                .build())
        .build();
  }
}
