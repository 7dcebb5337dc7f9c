package dev.frugal.router.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.ModelSelector;
import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterFeaturesTest {

  static class Lookup {
    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    String lookup(String word) {
      return "definition of " + word;
    }
  }

  @Test
  void featuresComeFromTheRunStateAndStayInTheUnitRange() {
    AtomicInteger n = new AtomicInteger();
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest r) {
            AiMessage m =
                n.incrementAndGet() < 3
                    ? AiMessage.from(
                        ToolExecutionRequest.builder()
                            .id("c")
                            .name("lookup")
                            .arguments("{\"word\": \"same\"}")
                            .build())
                    : AiMessage.from("<answer>x</answer>");
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
            return seen.size() == 1 ? l : s;
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
        .toolsFrom(new Lookup())
        .budget(Budget.builder().toolUnits("lookup", 4).modelCalls("large", 5).build())
        .build()
        .run("Is Paris older than Rome or Berlin?");

    List<String> names = RouterFeatures.SCHEMA.features();
    assertThat(seen).hasSize(3);
    for (float[] f : seen) {
      assertThat(f).hasSize(names.size());
      for (float v : f) assertThat(v).isBetween(0f, 1f);
      assertThat(f[names.indexOf("q_yes_no")]).isEqualTo(1f);
      assertThat(f[names.indexOf("q_comparison")]).isEqualTo(1f);
      assertThat(f[names.indexOf("q_entities")]).isEqualTo(0.3f);
    }
    float[] first = seen.get(0);
    float[] third = seen.get(2);
    assertThat(first[names.indexOf("first_step")]).isEqualTo(1f);
    assertThat(first[names.indexOf("tool_calls")]).isEqualTo(0f);
    assertThat(first[names.indexOf("large_left")]).isEqualTo(1f);
    // After one LARGE call, one lookup (1 of 4 units) and one repeated lookup:
    assertThat(third[names.indexOf("large_calls")]).isEqualTo(0.1f);
    assertThat(third[names.indexOf("large_left")]).isEqualTo(0.8f);
    assertThat(third[names.indexOf("tool_left_min")]).isEqualTo(0.75f);
    assertThat(third[names.indexOf("recent_repeats")]).isEqualTo(0.2f);
    assertThat(third[names.indexOf("last_ok")]).isEqualTo(0f);
    assertThat(third[names.indexOf("ok_ratio")]).isEqualTo(0.5f);
  }
}
