package dev.frugal.core;

import static dev.frugal.core.OpenAiScript.body;
import static dev.frugal.core.OpenAiScript.ok;
import static dev.frugal.core.OpenAiScript.text;
import static dev.frugal.core.OpenAiScript.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.ReAct;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conversations through LangChain4j's real OpenAiChatModel against a scripted server on 127.0.0.1:
 * the exchange carried into later turns, one budget for all turns, and the system prompt set on the
 * agent's builder.
 */
class ConversationTest {
  static final PriceTable PRICES =
      PriceTable.builder()
          .model("gpt-4o-mini", ModelPrice.of(0.15, 0.60))
          .tool("search", 0.001)
          .build();

  MockWebServer server;
  final List<String> queries = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = OpenAiScript.startLocal();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AgentBuilder agent() {
    return Agent.builder()
        .model("gpt-4o-mini", OpenAiScript.model(server))
        .prices(PRICES)
        .tool(new OpenAiScript.Search(queries))
        .budget(Budget.builder().toolUnits("search", 1).usd(0.001).build())
        .sleeper(d -> {});
  }

  static List<String> messages(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : body.get("messages")) {
      if (m.get("role").asText().equals("system")) continue;
      JsonNode c = m.get("content");
      out.add(m.get("role").asText() + ": " + (c == null || c.isNull() ? "(tools)" : c.asText()));
    }
    return out;
  }

  static String system(JsonNode body) {
    return body.get("messages").get(0).get("content").asText();
  }

  @Test
  void aLaterTurnSeesTheEarlierQuestionAndAnswer() throws Exception {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 10, 0));
    server.enqueue(ok(text("<answer>1928</answer>"), 140, 8, 0));
    Conversation chat = agent().build().conversation(Budget.builder().usd(0.05).build());

    assertThat(chat.ask("Who played Corliss Archer?").answer()).contains("Shirley Temple");
    RunResult second = chat.ask("When was she born?");

    assertThat(second.answer()).contains("1928");
    assertThat(messages(body(server.takeRequest())))
        .containsExactly("user: Question: Who played Corliss Archer?");
    assertThat(messages(body(server.takeRequest())))
        .containsExactly(
            "user: Who played Corliss Archer?",
            "assistant: Shirley Temple",
            "user: Question: When was she born?");
    assertThat(chat.turns()).isEqualTo(2);
    assertThat(chat.memory().messages()).hasSize(4);
  }

  @Test
  void allTurnsSpendOneBudgetAndTheTrackerOfALaterTurnSeesWhatIsLeft() throws Exception {
    server.enqueue(ok(toolCall("c1", "search", "{\"queries\":[\"Corliss Archer\"]}"), 90, 12, 0));
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 150, 8, 0));
    server.enqueue(ok(text("<answer>1928</answer>"), 160, 6, 0));
    // the agent's own per-run budget (1 search, $0.001) does not apply to the turns
    Conversation chat =
        agent()
            .build()
            .conversation(
                Budget.builder()
                    .toolUnits("search", 3)
                    .modelCalls("gpt-4o-mini", 3)
                    .usd(0.05)
                    .build());

    RunResult first = chat.ask("Who played Corliss Archer?");
    RunResult second = chat.ask("When was she born?");
    RunResult third = chat.ask("And where?");

    assertThat(first.toolUnits()).containsEntry("search", 1L);
    body(server.takeRequest());
    assertThat(system(body(server.takeRequest()))).contains("'search': 3 Query units");
    // the second turn's tracker is shown what the conversation has left: 2 of the 3 units
    assertThat(system(body(server.takeRequest()))).contains("'search': 2 Query units");
    assertThat(chat.left().used().picos())
        .isEqualTo(first.ledger().used().picos() + second.ledger().used().picos());
    assertThat(chat.left().used().modelCalls()).containsEntry("gpt-4o-mini", 3L);
    // the conversation's three model calls are spent: the third turn is refused before it calls
    assertThat(third.stopReason()).isInstanceOf(StopReason.BudgetExhausted.class);
    assertThat(((StopReason.BudgetExhausted) third.stopReason()).cap())
        .isEqualTo(new Cap.ModelCalls("gpt-4o-mini"));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(third.usd()).isZero();
  }

  @Test
  void aConversationBudgetNamingAnUnknownToolFailsAndAClosedOneRefusesQuestions() {
    Agent agent = agent().build();
    assertThatThrownBy(() -> agent.conversation(Budget.builder().toolUnits("serch", 2).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'serch'")
        .hasMessageContaining("search");
    Conversation chat = agent.conversation(Budget.builder().usd(0.01).build());
    chat.close();
    assertThatThrownBy(() -> chat.ask("Hello?"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theSystemPromptSetOnTheAgentIsTheOneSent() throws Exception {
    server.enqueue(ok(text("<answer>Arr, Paris</answer>"), 60, 5, 0));
    Agent agent = agent().systemPrompt("You are a pirate. Answer as <answer>X</answer>.").build();
    assertThat(agent.run("Capital of France?").answer()).contains("Arr, Paris");
    assertThat(system(body(server.takeRequest())))
        .startsWith("You are a pirate. Answer as <answer>X</answer>.");
    assertThatThrownBy(
            () -> agent().systemPrompt("pirate").strategy(ReAct.builder().build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ReAct.builder().systemPrompt");
  }
}
