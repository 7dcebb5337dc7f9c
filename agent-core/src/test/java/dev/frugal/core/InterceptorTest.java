package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.trace.RunEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterceptorTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();

  @Test
  void aToolInterceptorCanAnswerWithoutChargingAndTheTraceSaysWho() {
    Lookup tool = new Lookup();
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("lookup", "{\"word\": \"cached\"}")
            .thenTool("lookup", "{\"word\": \"fresh\"}")
            .thenAnswer("done");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tool)
            .budget(Budget.builder().toolUnits("lookup", 5).build())
            .toolInterceptor(chain -> chain.proceed(chain.invocation())) // passes results on
            .toolInterceptor(
                chain ->
                    chain.invocation().call().string("word").equals("cached")
                        ? ToolResult.ok("from the cache").servedBy("cached")
                        : chain.proceed(chain.invocation()))
            .build()
            .run("q?");

    assertThat(tool.calls).hasValue(1);
    assertThat(r.toolUnits()).containsEntry("lookup", 1L);
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.ToolCalled)
        .extracting(e -> ((RunEvent.ToolCalled) e).outcome())
        .containsExactly("cached", "ok");
  }

  @Test
  void modelInterceptorsWrapEveryCallOutermostFirst() {
    List<String> seen = new ArrayList<>();
    ScriptedChatModel model =
        new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("x");
    Agent.builder()
        .budget(Budget.unlimited())
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .modelInterceptor(
            chain -> {
              seen.add("outer:" + chain.call().purpose() + ":" + chain.call().step());
              return chain.proceed(chain.call());
            })
        .modelInterceptor(
            chain -> {
              seen.add("inner:" + chain.call().model());
              return chain.proceed(chain.call());
            })
        .build()
        .run("q?");
    assertThat(seen).containsExactly("outer:step:1", "inner:m", "outer:step:2", "inner:m");
  }

  @Test
  void aToolsOwnArgumentCheckReachesTheModelAsItIsAndCostsNothing() {
    ScriptedChatModel model =
        new ScriptedChatModel().thenTool("pick", "{\"items\": []}").thenAnswer("none");
    dev.frugal.core.tool.Tool pick =
        new dev.frugal.core.tool.Tool() {
          @Override
          public dev.langchain4j.agent.tool.ToolSpecification specification() {
            return dev.langchain4j.agent.tool.ToolSpecification.builder()
                .name("pick")
                .parameters(
                    dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                        .addProperty(
                            "items",
                            dev.langchain4j.model.chat.request.json.JsonArraySchema.builder()
                                .items(
                                    new dev.langchain4j.model.chat.request.json.JsonStringSchema())
                                .build())
                        .build())
                .build();
          }

          @Override
          public ToolResult execute(dev.frugal.core.tool.ToolCall call) {
            return ToolResult.ok(call.requireStrings("items", "item", "[\"a\"]").get(0));
          }
        };
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .tool(pick)
            .budgetTracker(false)
            .budget(Budget.builder().toolUnits("pick", 3).build())
            .build()
            .run("q?");
    assertThat(r.toolUnits()).isEmpty();
    dev.langchain4j.data.message.ToolExecutionResultMessage seen =
        (dev.langchain4j.data.message.ToolExecutionResultMessage)
            model.requests.get(1).messages().get(model.requests.get(1).messages().size() - 1);
    assertThat(seen.text())
        .isEqualTo("ERROR: 'items' is empty; pass at least one item, e.g. {\"items\": [\"a\"]}");
  }
}
