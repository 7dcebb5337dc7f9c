package dev.frugal.core;

import static dev.frugal.core.OpenAiScript.SEARCH_RESULT;
import static dev.frugal.core.OpenAiScript.body;
import static dev.frugal.core.OpenAiScript.lastToolContent;
import static dev.frugal.core.OpenAiScript.msg;
import static dev.frugal.core.OpenAiScript.ok;
import static dev.frugal.core.OpenAiScript.text;
import static dev.frugal.core.OpenAiScript.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole step loop through LangChain4j's real {@link OpenAiChatModel} against a scripted HTTP
 * server on 127.0.0.1: model -> tool call -> tool -> status block -> answer.
 */
class OpenAiEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PriceTable PRICES =
      PriceTable.builder().model("gpt-4o-mini", new ModelPrice(0.15, 0.075, 0.60)).build();
  static final String SYSTEM =
      """
      You are a careful research agent. Answer the user's question by thinking step by step and calling
      the tools you are given to find the facts you need. Each turn, either call one or more tools, or,
      when you are confident, give the final answer.

      Rules:
      - Base the answer on what the tools returned, not on guesses.
      - Do not repeat a tool call with the same arguments; its result will not change.
      - Give the final answer as a short phrase (a name, a date, a number, yes or no), wrapped as
        <answer>ANSWER</answer>. If you cannot find it, reply <answer>None</answer>.

      ## Budget Tracker
      You work under a hard budget. Each tool has its own budget of units; every element of an array \
      argument costs one unit (a search with 3 queries costs 3 units), so batching does not save \
      budget. After every tool result a status block shows what you have used and what remains, like \
      <budget>Query Budget Used: 0, Query Budget Remaining: 5</budget>.
      Your budgets: 'search': 5 Query units.
      Adapt to the lowest remaining fraction over your tools:
      - HIGH (>= 70% left): explore; 3-5 diverse queries per search, open 2-3 promising results.
      - MEDIUM (30-70% left): converge; 2-3 refined queries, open 1-2 results.
      - LOW (10-30% left): verify or finish; 1 focused query, open at most 1 result.
      - CRITICAL (< 10% left, or any tool at 0): do not call an exhausted tool; answer with what you \
      know, or "None".
      Current regime: HIGH.
      """;

  MockWebServer server;
  List<String> queries = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = OpenAiScript.startLocal();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OpenAiChatModel model() {
    return OpenAiScript.model(server);
  }

  AgentBuilder agent(Budget budget) {
    return Agent.builder()
        .model("gpt-4o-mini", model())
        .prices(PRICES)
        .tool(new OpenAiScript.Search(queries))
        .budget(budget)
        .sleeper(d -> {});
  }

  @Test
  void modelCallsToolSeesStatusBlockAndAnswersWithExactCost() throws Exception {
    server.enqueue(
        ok(toolCall("call_1", "search", "{\"queries\":[\"Corliss Archer actress\"]}"), 120, 20, 0));
    server.enqueue(ok(text("Found it. <answer>Shirley Temple</answer>"), 200, 10, 64));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 5).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(queries).containsExactly("Corliss Archer actress");

    String tools =
        """
        [{"type":"function","function":{"name":"search","description":"Searches the corpus",
          "parameters":{"type":"object","properties":{"queries":{"type":"array","items":{"type":"string"}}},
          "required":["queries"]}}}]""";
    JsonNode first = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(first)
        .isEqualTo(
            JSON.readTree(
                "{\"model\":\"gpt-4o-mini\",\"stream\":false,\"max_tokens\":1024,\"tools\":"
                    + tools
                    + ",\"messages\":["
                    + msg("system", SYSTEM)
                    + ","
                    + msg("user", "Question: Who played Corliss Archer?")
                    + "]}"));
    JsonNode second = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(second)
        .isEqualTo(
            JSON.readTree(
                "{\"model\":\"gpt-4o-mini\",\"stream\":false,\"max_tokens\":1024,\"tools\":"
                    + tools
                    + ",\"messages\":["
                    + msg("system", SYSTEM)
                    + ","
                    + msg("user", "Question: Who played Corliss Archer?")
                    + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"search\",\"arguments\":"
                    + JSON.writeValueAsString("{\"queries\":[\"Corliss Archer actress\"]}")
                    + "}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":"
                    + JSON.writeValueAsString(
                        SEARCH_RESULT
                            + "\n<budget>Query Budget Used: 1, Query Budget Remaining: 4</budget>")
                    + "}]}"));

    // 120 + 200 input tokens (64 of them cached), 20 + 10 output, 1 search unit:
    // (256 * 0.15 + 64 * 0.075 + 30 * 0.60) / 1e6 + 1 * 0.001 = 0.0000432 + 0.000018 + 0.001
    assertThat(r.ledger().used().picos())
        .isEqualTo(38_400_000L + 4_800_000L + 18_000_000L + 1_000_000_000L);
    assertThat(r.usd()).isEqualTo(0.0010612);
    assertThat(r.usdByTool()).containsEntry("search", 0.001);
    assertThat(r.inputTokens()).isEqualTo(320);
    assertThat(r.cachedInputTokens()).isEqualTo(64);
    assertThat(r.outputTokens()).isEqualTo(30);
    assertThat(r.toolUnits()).containsEntry("search", 1L);
    assertThat(r.modelCalls()).containsEntry("gpt-4o-mini", 2L);
    assertThat(r.steps()).isEqualTo(2);
  }

  @Test
  void exhaustedToolBudgetForcesAFinalAnswerWithoutTools() throws Exception {
    server.enqueue(ok(toolCall("call_1", "search", "{\"queries\":[\"a\",\"b\"]}"), 100, 10, 0));
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 150, 5, 0));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 2).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("search")));
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(r.answer()).contains("Shirley Temple");
    server.takeRequest(1, TimeUnit.SECONDS);
    JsonNode forced = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(forced.has("tools")).as("the forced answer offers no tools").isFalse();
    JsonNode msgs = forced.get("messages");
    assertThat(msgs.get(msgs.size() - 1).get("content").asText()).contains("budget is used up");
    assertThat(r.toolUnits()).containsEntry("search", 2L);
  }

  @Test
  void aSearchThatWouldOverrunItsCapIsRefusedAndNotRun() throws Exception {
    server.enqueue(
        ok(toolCall("call_1", "search", "{\"queries\":[\"a\",\"b\",\"c\"]}"), 100, 10, 0));
    server.enqueue(ok(text("<answer>None</answer>"), 150, 5, 0));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 2).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(queries).isEmpty();
    assertThat(r.toolUnits()).doesNotContainKey("search");
    assertThat(r.trace()).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.Refused.class));
    server.takeRequest(1, TimeUnit.SECONDS);
    JsonNode second = body(server.takeRequest(1, TimeUnit.SECONDS));
    assertThat(lastToolContent(second))
        .startsWith(
            "ERROR: budget refused: 3 of tool units of 'search' requested but only 2 of 2 remain");
    assertThat(r.answer()).isEmpty();
  }

  @Test
  void malformedToolArgumentsGoBackToTheModelAsAClearError() throws Exception {
    server.enqueue(ok(toolCall("call_1", "search", "{\"queries\":\"not an array\"}"), 100, 10, 0));
    server.enqueue(ok(toolCall("call_2", "search", "{queries: oops"), 100, 10, 0));
    server.enqueue(ok(text("<answer>None</answer>"), 100, 5, 0));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 5).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.stopReason()).isEqualTo(new StopReason.Answered());
    assertThat(queries).isEmpty();
    assertThat(r.toolUnits()).isEmpty();
    server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(lastToolContent(body(server.takeRequest(1, TimeUnit.SECONDS))))
        .startsWith(
            "ERROR: invalid arguments for 'search': argument 'queries' must be an array, got the"
                + " string \"not an array\". Expected: {\"queries\": [string] (required)}");
    assertThat(lastToolContent(body(server.takeRequest(1, TimeUnit.SECONDS))))
        .startsWith("ERROR: arguments for 'search' are not valid JSON");
  }

  @Test
  void unknownToolIsAToolErrorNamingTheAvailableTools() throws Exception {
    server.enqueue(ok(toolCall("call_1", "browse", "{\"url\":\"x\"}"), 100, 10, 0));
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 5).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.answer()).contains("Shirley Temple");
    server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(lastToolContent(body(server.takeRequest(1, TimeUnit.SECONDS))))
        .startsWith("ERROR: unknown tool 'browse'; available tools: search");
  }

  @Test
  void rateLimitedCallIsRetriedAndOnlyTheSuccessIsCharged() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")
            .build());
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));

    RunResult r =
        agent(Budget.builder().toolUnits("search", 5).usd(0.01).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(r.modelCalls()).containsEntry("gpt-4o-mini", 1L);
    assertThat(r.ledger().used().picos()).isEqualTo(100 * 150_000L + 5 * 600_000L);
    assertThat(r.ledger().reserved()).isEqualTo(dev.frugal.core.budget.Spend.ZERO);
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.ModelFailed)
        .singleElement()
        .satisfies(e -> assertThat(((RunEvent.ModelFailed) e).retrying()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void invalidJsonFromTheServerEndsTheRunAsAModelFailureChargedItsEstimate() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"id\":\"c1\",\"choices\":[{\"message\": oops")
            .build());

    RunResult r =
        agent(Budget.builder().toolUnits("search", 5).build())
            .build()
            .run("Who played Corliss Archer?");

    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.stopReason().describe()).contains("model 'gpt-4o-mini' failed");
    assertThat(r.answer()).isEmpty();
    // the provider served (and may bill) the call: charged its reservation, marked estimated
    assertThat(r.usd()).isPositive();
    assertThat(r.ledger().estimated()).isEqualTo(r.ledger().used());
    assertThat(r.ledger().reserved()).isEqualTo(dev.frugal.core.budget.Spend.ZERO);
  }

  @Test
  void persistentServerErrorsStopAfterTheRetryPolicy() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(503)
              .body("{\"error\":{\"message\":\"overloaded\"}}")
              .build());
    }
    RunResult r =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("gpt-4o-mini", model())
            .prices(PRICES)
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), 2, Duration.ofMillis(4), 0))
            .sleeper(d -> {})
            .build()
            .run("Who played Corliss Archer?");
    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.stopReason().describe()).contains("after 3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(r.usd()).isZero();
  }
}
