package dev.frugal.router.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.ModelSelector;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunActivity;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RouteState;
import dev.frugal.router.policy.FeatureSchema;
import dev.frugal.router.policy.PolicyNetwork;
import dev.frugal.router.policy.PolicySchemaException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step features of schema version 2 (docs/router.md, "Step features"). */
class StepFeaturesTest {
  static final String QUESTION = "Who directed the film Kiss and Tell starring Shirley Temple?";

  static class Search {
    @dev.langchain4j.agent.tool.Tool("Searches the corpus")
    String search(String query) {
      if (query.toLowerCase(java.util.Locale.ROOT).contains("kiss")) {
        return "Kiss and Tell is a 1945 comedy film starring Shirley Temple, directed by Richard"
            + " Wallace.";
      }
      return "a page about gardening tools.";
    }
  }

  static String call(String query) {
    return "{\"query\": \"" + query + "\"}";
  }

  @Test
  void stepFeaturesSeeWhetherTheLastObservationAnswersTheQuestion() {
    // The model searches "gardening", then "Kiss Tell", then "Tell Kiss" (the same words again,
    // reordered: it runs, but is a repeated query), then answers.
    List<String> queries = List.of("gardening", "Kiss Tell", "Tell Kiss");
    AtomicInteger n = new AtomicInteger();
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest r) {
            int i = n.getAndIncrement();
            AiMessage m =
                i < queries.size()
                    ? AiMessage.from(
                        ToolExecutionRequest.builder()
                            .id("c" + i)
                            .name("search")
                            .arguments(call(queries.get(i)))
                            .build())
                    : AiMessage.from("<answer>Richard Wallace</answer>");
            return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(10, 5)).build();
          }
        };
    List<float[]> seen = new ArrayList<>();
    ModelSelector recording =
        new ModelSelector() {
          final NamedModel s = new NamedModel("small", model);
          final NamedModel l = new NamedModel("large", model);

          @Override
          public synchronized NamedModel select(ModelSelection sel) {
            seen.add(RouterFeatures.of(sel, "small", "large"));
            return s;
          }

          @Override
          public List<NamedModel> models() {
            return List.of(s, l);
          }
        };
    Agent.builder()
        .modelSelector(recording)
        .prices(
            PriceTable.builder()
                .model("small", ModelPrice.of(0.1, 0.4))
                .model("large", ModelPrice.of(1, 4))
                .build())
        .toolsFrom(new Search())
        .budget(Budget.builder().toolUnits("search", 10).build())
        .build()
        .run(QUESTION);

    List<String> names = RouterFeatures.SCHEMA.features();
    assertThat(RouterFeatures.SCHEMA.version()).isEqualTo(2);
    assertThat(seen).hasSize(4);
    for (float[] f : seen) {
      assertThat(f).hasSize(names.size());
      for (float v : f) assertThat(v).isBetween(0f, 1f);
    }
    float[] start = seen.get(0);
    float[] afterMiss = seen.get(1);
    float[] afterHit = seen.get(2);
    float[] afterRepeat = seen.get(3);
    // Before any result every entity (Kiss, Tell, Shirley, Temple) is unresolved.
    assertThat(start[names.indexOf("q_unresolved")]).isEqualTo(1f);
    assertThat(start[names.indexOf("last_q_overlap")]).isEqualTo(0f);
    // A result about something else answers nothing.
    assertThat(afterMiss[names.indexOf("last_q_overlap")]).isEqualTo(0f);
    assertThat(afterMiss[names.indexOf("last_unresolved_overlap")]).isEqualTo(0f);
    assertThat(afterMiss[names.indexOf("q_unresolved")]).isEqualTo(1f);
    assertThat(afterMiss[names.indexOf("last_new_terms")]).isEqualTo(0f);
    // The matching paragraph contains every content word but "directed" -> "directed" is there
    // too; it resolves all four entities and brings new terms (1945, Richard, Wallace, ...).
    assertThat(afterHit[names.indexOf("last_q_overlap")]).isEqualTo(1f);
    assertThat(afterHit[names.indexOf("last_unresolved_overlap")]).isEqualTo(1f);
    assertThat(afterHit[names.indexOf("q_unresolved")]).isEqualTo(0f);
    assertThat(afterHit[names.indexOf("last_new_terms")]).isGreaterThanOrEqualTo(0.4f);
    assertThat(afterHit[names.indexOf("query_repeated")]).isEqualTo(0f);
    // The same words again: a repeated query; the entities were already resolved, so the last
    // result resolves nothing new and brings no new terms.
    assertThat(afterRepeat[names.indexOf("query_repeated")]).isEqualTo(1f);
    assertThat(afterRepeat[names.indexOf("repeated_queries")]).isEqualTo(0.2f);
    assertThat(afterRepeat[names.indexOf("last_unresolved_overlap")]).isEqualTo(0f);
    assertThat(afterRepeat[names.indexOf("last_new_terms")]).isEqualTo(0f);
    assertThat(afterRepeat[names.indexOf("last_q_overlap")]).isEqualTo(1f);
  }

  @Test
  void theVerifiersVerdictAndACandidateAnswerAreFeatures() {
    List<String> names = RouterFeatures.SCHEMA.features();
    float[] success =
        of(RunActivity.NONE.withNote("verify", "attempt 1: SUCCESS (the page names him)"));
    float[] pivot = of(RunActivity.NONE.withNote("verify", "attempt 1: PIVOT"));
    float[] proposed =
        of(RunActivity.NONE.withNote("propose", "attempt 1 proposed Richard Wallace"));
    float[] nothing = of(RunActivity.NONE.withNote("propose", "attempt 1 proposed no answer"));
    assertThat(success[names.indexOf("verifier_success")]).isEqualTo(1f);
    assertThat(pivot[names.indexOf("verifier_success")]).isEqualTo(0f);
    assertThat(pivot[names.indexOf("verifier_pivot")]).isEqualTo(1f);
    assertThat(proposed[names.indexOf("last_candidate")]).isEqualTo(1f);
    assertThat(nothing[names.indexOf("last_candidate")]).isEqualTo(0f);
    assertThat(success[names.indexOf("last_candidate")]).isEqualTo(0f);
  }

  @Test
  void aPolicyTrainedOnSchemaVersionOneStillLoadsAndReadsTheFirst23Features(@TempDir Path dir) {
    PolicyNetwork.seed(7);
    try (PolicyNetwork v1 =
        PolicyNetwork.builder()
            .schema(RouterFeatures.SCHEMA_V1)
            .actions(List.of("SMALL", "LARGE"))
            .hidden(List.of(8))
            .build()) {
      v1.save(dir, Map.of());
    }
    try (PolicyNetwork loaded = NeuralPolicy.load(dir)) {
      assertThat(loaded.schema()).isEqualTo(RouterFeatures.SCHEMA_V1);
      float[] full = of(RunActivity.NONE.withNote("verify", "SUCCESS"));
      float[] head = java.util.Arrays.copyOf(full, 23);
      NeuralPolicy policy = new NeuralPolicy("v1", loaded, NeuralPolicy.Mode.GREEDY);
      double p =
          policy.largeProbability(new RouteState(selection(RunActivity.NONE), "s", "l", full));
      assertThat(p)
          .isEqualTo(loaded.probabilities(head)[1], org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void aPolicyOfAnUnknownSchemaIsRefusedNamingTheReadableOnes(@TempDir Path dir) {
    FeatureSchema other = new FeatureSchema("router-features", 9, List.of("a", "b"));
    try (PolicyNetwork net =
        PolicyNetwork.builder().schema(other).actions(List.of("SMALL", "LARGE")).build()) {
      net.save(dir, Map.of());
    }
    assertThatThrownBy(() -> NeuralPolicy.load(dir))
        .isInstanceOf(PolicySchemaException.class)
        .hasMessageContaining("router-features@2");
  }

  private static float[] of(RunActivity activity) {
    return RouterFeatures.of(selection(activity), "small", "large");
  }

  private static ModelSelection selection(RunActivity activity) {
    Ledger ledger = Ledger.open(Budget.builder().toolUnits("search", 10).build());
    return new ModelSelection("r", QUESTION, 2, "step", ledger::snapshot, activity, model -> true);
  }
}
