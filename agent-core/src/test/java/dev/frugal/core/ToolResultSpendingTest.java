package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tool interceptor that condenses a long tool result with a model (what the memory module's page
 * memory does) pays for it through {@code chain.run().chat(..., chain.ledger())}: the call is
 * metered against the run's budget, traced with its purpose and in the cost breakdown; a budget
 * that cannot pay refuses it before it is made, and the interceptor falls back to a cut text.
 */
class ToolResultSpendingTest {
  private static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1_000, 1_000)).build(); // $0.001 per token
  private static final String PAGE = "A long page sentence about the topic. ".repeat(300);

  /** A tool returning a page of about 11,000 characters, one unit per call. */
  private static final class LongPage implements Tool {
    @Override
    public ToolSpecification specification() {
      return ToolSpecification.builder()
          .name("page")
          .description("returns a long page")
          .parameters(JsonObjectSchema.builder().build())
          .build();
    }

    @Override
    public ToolResult execute(ToolCall call) {
      return ToolResult.ok(PAGE);
    }
  }

  /** Condenses results over 2,000 characters with one metered model call; cuts them if refused. */
  private static final ToolInterceptor CONDENSER =
      chain -> {
        ToolResult raw = chain.proceed(chain.invocation());
        if (raw.error() || raw.text().length() <= 2_000) return raw;
        ChatRequest ask =
            ChatRequest.builder()
                .messages(List.of(UserMessage.from("Condense for the question:\n" + raw.text())))
                .maxOutputTokens(20)
                .build();
        try {
          String text = chain.run().chat("condense", ask, chain.ledger()).aiMessage().text();
          return ToolResult.ok("CONDENSED: " + text);
        } catch (BudgetExceededException e) {
          return ToolResult.ok("CUT: " + raw.text().substring(0, 200));
        }
      };

  @Test
  void aCondensingCallIsChargedToTheRunAndTracedWithItsPurpose() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("page", "{}")
            .then(AiMessage.from("the page is about the topic"))
            .thenAnswer("topic");
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .tool(new LongPage())
            .budgetTracker(false)
            .budget(Budget.builder().toolUnits("page", 2).build())
            .toolInterceptor(CONDENSER)
            .build()
            .run("what is the page about?");

    assertThat(r.answer()).contains("topic");
    // the condensing request reached the model with the whole page; the agent read the summary
    assertThat(model.requests).hasSize(3);
    assertThat(((UserMessage) model.requests.get(1).messages().get(0)).singleText()).contains(PAGE);
    assertThat(toolResult(model.requests.get(2)))
        .startsWith("CONDENSED: the page is about the topic");
    // three model calls of 50 in / 5 out tokens each, all in the run's books
    assertThat(r.modelCalls()).containsEntry("m", 3L);
    assertThat(r.inputTokens()).isEqualTo(150);
    assertThat(r.usdByModel().get("m"))
        .isCloseTo(3 * 55 * 0.001, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.ModelCalled)
        .extracting(e -> ((RunEvent.ModelCalled) e).purpose())
        .containsExactly("step", "condense", "step");
  }

  @Test
  void aBudgetThatCannotPayRefusesTheCondensingCallAndIsNeverExceeded() {
    ScriptedChatModel model = new ScriptedChatModel().thenTool("page", "{}").thenAnswer("topic");
    double cap =
        2.0; // ample for the agent's two small calls; the page alone is ~2,800 tokens ($2.8)
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .tool(new LongPage())
            .budgetTracker(false)
            .budget(Budget.builder().usd(cap).toolUnits("page", 2).build())
            .toolInterceptor(CONDENSER)
            .build()
            .run("what is the page about?");

    assertThat(r.answer()).contains("topic");
    assertThat(model.requests).hasSize(2); // the condensing call was never made
    assertThat(toolResult(model.requests.get(1))).startsWith("CUT: ").hasSizeLessThan(400);
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.Refused)
        .extracting(e -> ((RunEvent.Refused) e).what())
        .containsExactly("model m");
    assertThat(r.modelCalls()).containsEntry("m", 2L);
    assertThat(r.usd()).isLessThanOrEqualTo(cap);
    assertThat(r.ledger().used().usd() + r.ledger().reserved().usd()).isLessThanOrEqualTo(cap);
  }

  /** The text of the tool result a request carries. */
  private static String toolResult(ChatRequest request) {
    return request.messages().stream()
        .filter(ToolExecutionResultMessage.class::isInstance)
        .map(m -> ((ToolExecutionResultMessage) m).text())
        .findFirst()
        .orElseThrow();
  }
}
