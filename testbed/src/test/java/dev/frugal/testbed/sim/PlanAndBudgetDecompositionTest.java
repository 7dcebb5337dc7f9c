package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.strategy.PlanAndBudget;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated planner's decomposition for Plan-and-Budget (docs/extras.md, "Plan-and-Budget"):
 * read off the question's surface form, with the registry's declared error rate, and never from
 * gold data (answers, the type label, supporting labels).
 */
class PlanAndBudgetDecompositionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Question> SAMPLE = TestWorld.DATASET.questions().subList(0, 60);

  private static ChatRequest planning(String question) {
    return ChatRequest.builder()
        .messages(
            SystemMessage.from("Break the question into sub-questions."),
            UserMessage.from("Question: " + question))
        .responseFormat(
            ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(
                    JsonSchema.builder()
                        .name(PlanAndBudget.SCHEMA_NAME)
                        .rootElement(JsonObjectSchema.builder().build())
                        .build())
                .build())
        .build();
  }

  private static List<String> replies(SimWorld world, SimProfile profile) {
    SimulatedChatModel model =
        SimulatedChatModel.builder()
            .profile(profile)
            .world(world)
            .seed(7)
            .sleeper(SimulatedChatModel.Sleeper.NONE)
            .build();
    List<String> out = new ArrayList<>();
    for (Question q : SAMPLE) out.add(model.chat(planning(q.text())).aiMessage().text());
    return out;
  }

  /** Every gold field changed: other answers, the other type, supporting labels inverted. */
  private static SimWorld goldChanged() {
    List<Question> out = new ArrayList<>();
    for (Question q : TestWorld.DATASET.questions()) {
      List<ContextParagraph> ps = new ArrayList<>();
      List<String> titles = new ArrayList<>();
      for (ContextParagraph p : q.paragraphs()) {
        ps.add(new ContextParagraph(p.paragraph(), !p.supporting()));
        if (!p.supporting()) titles.add(p.title());
      }
      if (titles.isEmpty()) { // every paragraph supporting: keep the labels, change the rest
        ps = q.paragraphs();
        titles = q.supportingTitles();
      }
      String type = "comparison".equals(q.type()) ? "bridge" : "comparison";
      out.add(new Question(q.id(), q.text(), List.of("Qzx Vormulent"), type, titles, ps));
    }
    Dataset d = TestWorld.DATASET;
    return new SimWorld(new Dataset(d.name(), out, d.skipped(), d.source()));
  }

  private static int size(String reply) throws Exception {
    JsonNode n = JSON.readTree(reply);
    JsonNode subs = n.get("sub_questions");
    for (JsonNode s : subs) {
      assertThat(s.get("complexity").asInt()).isBetween(1, 5);
      assertThat(s.get("question").asText()).isNotBlank();
    }
    return subs.size();
  }

  @Test
  void theDecompositionNeverReadsGold() throws Exception {
    for (SimProfile profile : List.of(SimProfile.small(), SimProfile.large())) {
      List<String> a = replies(TestWorld.WORLD, profile);
      List<String> b = replies(goldChanged(), profile);
      assertThat(b).as(profile.modelName()).isEqualTo(a);
      // the test has teeth: the replies are decompositions, most of them split
      int split = 0;
      for (String r : a) if (size(r) > 1) split++;
      assertThat(split).as(profile.modelName()).isGreaterThan(SAMPLE.size() / 2);
    }
  }

  @Test
  void theSplitFollowsTheSurfaceAndTheDeclaredErrorRate() throws Exception {
    SimProfile never =
        TestWorld.noMemory(SimProfile.large())
            .with(SimParameter.DECOMPOSITION_ERROR, 0, "test: never misses the split")
            .with(SimParameter.COMPLEXITY_NOISE, 0, "test: exact complexities");
    SimProfile always =
        never.with(SimParameter.DECOMPOSITION_ERROR, 1, "test: always misses the split");
    String comparison = "Which is older, Acme Corporation or Globex Industries?";
    String bridge = "Who directed the film that starred Jane Doe?";
    var rng = new java.util.SplittableRandom(1);
    JsonNode c = JSON.readTree(QuestionPlan.subQuestions(comparison, never, rng));
    assertThat(c.get("sub_questions").findValuesAsText("question"))
        .containsExactly(
            "What does the question need to know about Acme Corporation?",
            "What does the question need to know about Globex Industries?",
            "Compare the two to answer: " + comparison);
    assertThat(c.get("sub_questions").findValuesAsText("complexity"))
        .containsExactly("2", "2", "1");
    JsonNode b = JSON.readTree(QuestionPlan.subQuestions(bridge, never, rng));
    assertThat(b.get("sub_questions").findValuesAsText("complexity")).containsExactly("3", "2");
    assertThat(b.get("sub_questions").get(0).get("question").asText()).contains("Jane Doe");
    JsonNode missed = JSON.readTree(QuestionPlan.subQuestions(bridge, always, rng));
    assertThat(missed.get("sub_questions").findValuesAsText("question")).containsExactly(bridge);
    // the planning request of Plan-and-Budget reaches this reply, not the BATS plan
    assertThat(SimulatedChatModel.asksForSubQuestions(planning(bridge))).isTrue();
  }
}
