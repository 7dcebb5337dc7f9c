package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * BATS against the simulated model in the real testbed (bundled HotpotQA, Lucene index, search and
 * open tools): the simulation recognises the planning and compaction requests, the plan's
 * verification constraints reach the simulated verifier, and no run spends beyond its budget.
 */
class BatsInTheTestbedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChatRequest structured(String schemaName, String question, String ask) {
    return ChatRequest.builder()
        .messages(
            SystemMessage.from("You plan."),
            UserMessage.from("Question: " + question),
            UserMessage.from(ask))
        .responseFormat(
            ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(
                    JsonSchema.builder()
                        .name(schemaName)
                        .rootElement(JsonObjectSchema.builder().build())
                        .build())
                .build())
        .build();
  }

  @Test
  void aPlanRequestGetsAPlanMadeFromTheQuestionAlone() throws Exception {
    for (Question q : TestWorld.DATASET.questions().subList(0, 30)) {
      String reply =
          TestWorld.model(SimProfile.small(), 1)
              .chat(structured("plan", q.text(), "Make your plan."))
              .aiMessage()
              .text();
      JsonNode plan = JSON.readTree(reply);
      assertThat(plan.get("exploration_constraints")).isNotEmpty();
      assertThat(plan.get("verification_constraints")).hasSize(2);
      assertThat(plan.get("steps").findValuesAsText("state")).containsOnly("pending");
      // nothing the agent could not see: a supporting title appears only if the question names it
      String lowerQuestion = q.text().toLowerCase(Locale.ROOT);
      for (String title : q.supportingTitles()) {
        if (!lowerQuestion.contains(title.toLowerCase(Locale.ROOT))) {
          assertThat(reply).doesNotContain(title);
        }
      }
    }
  }

  @Test
  void aSummaryRequestGetsTheTrajectorySummaryWithoutADecision() throws Exception {
    Question q = TestWorld.DATASET.questions().get(0);
    JsonNode s =
        JSON.readTree(
            TestWorld.model(SimProfile.small(), 1)
                .chat(structured("trajectory_summary", q.text(), "Summarise."))
                .aiMessage()
                .text());
    assertThat(s.get("trajectory_summary").asText()).startsWith("Searched 0 distinct queries");
    assertThat(s.has("useful_information")).isTrue();
    assertThat(s.has("decision")).isFalse();
  }

  @Test
  void batsRunsWithinItsBudgetAndItsPlanConstraintsReachTheVerifier() {
    PriceTable prices =
        PriceTable.builder()
            .model(SimProfile.small().modelName(), SimProfile.small().pricing().price())
            .build();
    int verifications = 0;
    for (Question q : TestWorld.DATASET.questions().subList(0, 12)) {
      RunResult r =
          Agent.builder()
              .model(SimProfile.small().modelName(), TestWorld.model(SimProfile.small(), 3))
              .prices(prices)
              .tools(TestWorld.TOOLS)
              .strategy(Bats.withDefaults())
              .budget(Budget.builder().toolUnits("search", 6).toolUnits("open", 6).build())
              .maxSteps(40)
              .build()
              .run(q.text());
      assertThat(r.toolUnits().getOrDefault("search", 0L)).isLessThanOrEqualTo(6);
      assertThat(r.toolUnits().getOrDefault("open", 0L)).isLessThanOrEqualTo(6);
      List<String> verify =
          r.trace().stream()
              .filter(e -> e instanceof RunEvent.Note n && n.kind().equals("verify"))
              .map(e -> ((RunEvent.Note) e).text())
              .toList();
      // the simulated verifier checks both of the plan's lists: its two verification
      // constraints and its exploration constraints: more than two in all
      verify.forEach(
          v ->
              assertThat(v)
                  .matches("attempt \\d+: (SUCCESS|CONTINUE|PIVOT) \\(\\d+/([3-9]|\\d\\d) .*"));
      verifications += verify.size();
      assertThat(r.trace()).anyMatch(e -> e instanceof RunEvent.Note n && n.kind().equals("stop"));
    }
    assertThat(verifications).isGreaterThan(0);
  }
}
