package dev.frugal.tools.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.tools.web.JsonApiClient;
import dev.frugal.tools.web.SearxngBackend;
import dev.frugal.tools.web.WebSearchTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache inside real agent runs: a scripted model, the SearxNG search tool, a local server. */
class ToolResultCacheTest {
  private static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();
  private final MockWebServer server = new MockWebServer();
  private final AtomicLong nanos = new AtomicLong();
  private final Script model = new Script();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Replies from a queue; remembers the tool results the agent showed it. */
  static final class Script implements ChatModel {
    final Deque<AiMessage> replies = new ArrayDeque<>();
    final List<String> toolResults = new ArrayList<>();

    Script searchThenAnswer(String arguments, String answer) {
      replies.add(
          AiMessage.from(
              ToolExecutionRequest.builder().id("c1").name("search").arguments(arguments).build()));
      replies.add(AiMessage.from("<answer>" + answer + "</answer>"));
      return this;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      var last = request.messages().get(request.messages().size() - 1);
      if (last instanceof ToolExecutionResultMessage t) toolResults.add(t.text());
      return ChatResponse.builder()
          .aiMessage(replies.remove())
          .tokenUsage(new TokenUsage(100, 10))
          .build();
    }
  }

  private void searxngAnswers(String title) {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"results\":[{\"url\":\"https://example.org/"
                    + title
                    + "\",\"title\":\""
                    + title
                    + "\",\"content\":\"snippet\"}]}")
            .build());
  }

  private Agent agent(ToolResultCache cache) {
    JsonApiClient client = JsonApiClient.builder().sleeper(d -> {}).build();
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .tool(new WebSearchTool(new SearxngBackend("http://127.0.0.1:" + server.getPort(), client)))
        .toolInterceptor(cache)
        .budget(Budget.builder().toolUnits("search", 5).build())
        .budgetTracker(false)
        .build();
  }

  private static List<RunEvent.ToolCalled> toolEvents(RunResult r) {
    return r.trace().stream()
        .filter(RunEvent.ToolCalled.class::isInstance)
        .map(RunEvent.ToolCalled.class::cast)
        .toList();
  }

  @Test
  void anIdenticalCallInALaterRunIsServedFromTheCacheMarkedAndNotCharged() {
    ToolResultCache cache = ToolResultCache.builder().ticker(nanos::get).build();
    Agent agent = agent(cache);
    searxngAnswers("first");
    model
        .searchThenAnswer("{\"queries\":[\"Corliss Archer actress\"]}", "Shirley Temple")
        // the same call written differently: whitespace and key order do not matter
        .searchThenAnswer("{ \"queries\" : [ \"Corliss Archer actress\" ] }", "Shirley Temple");

    RunResult first = agent.run("Who played Corliss Archer?");
    RunResult second = agent.run("Who played Corliss Archer?");

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(toolEvents(first)).extracting(RunEvent.ToolCalled::outcome).containsExactly("ok");
    assertThat(first.toolUnits()).containsEntry("search", 1L);
    assertThat(toolEvents(second))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(ToolResultCache.SERVED_BY);
              assertThat(e.units()).isZero();
              assertThat(e.usd()).isZero();
            });
    assertThat(second.toolUnits().getOrDefault("search", 0L)).isZero();
    assertThat(second.usdByTool().getOrDefault("search", 0.0)).isZero();
    assertThat(model.toolResults).hasSize(2);
    assertThat(model.toolResults.get(1))
        .startsWith(model.toolResults.get(0).split("\n<budget>")[0]);
    assertThat(model.toolResults.get(1)).contains("https://example.org/first");
    assertThat(cache.stats()).isEqualTo(new ToolResultCache.Stats(1, 1, 1));
  }

  @Test
  void afterTheTtlTheToolRunsAgain() {
    ToolResultCache cache =
        ToolResultCache.builder().ttl(Duration.ofMinutes(5)).ticker(nanos::get).build();
    Agent agent = agent(cache);
    searxngAnswers("old");
    searxngAnswers("new");
    model
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a")
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a");

    agent.run("question");
    nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
    RunResult later = agent.run("question");

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(toolEvents(later)).extracting(RunEvent.ToolCalled::outcome).containsExactly("ok");
    assertThat(model.toolResults.get(1)).contains("https://example.org/new");
  }

  @Test
  void differentArgumentsAndErrorsAreNotServedFromTheCache() {
    ToolResultCache cache = ToolResultCache.builder().ticker(nanos::get).build();
    Agent agent = agent(cache);
    server.enqueue(new MockResponse.Builder().code(400).body("bad").build());
    searxngAnswers("retried");
    searxngAnswers("other");
    model
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a")
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a")
        .searchThenAnswer("{\"queries\":[\"q\",\"r\"]}", "a");

    RunResult failed = agent.run("question");
    RunResult retried = agent.run("question");

    assertThat(toolEvents(failed))
        .extracting(RunEvent.ToolCalled::outcome)
        .containsExactly("error");
    assertThat(toolEvents(retried)).extracting(RunEvent.ToolCalled::outcome).containsExactly("ok");
    searxngAnswers("r");
    RunResult other = agent.run("question");
    assertThat(toolEvents(other)).extracting(RunEvent.ToolCalled::outcome).containsExactly("ok");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void theChargedPolicyChargesAHitWithoutRunningTheTool() {
    ToolResultCache cache =
        ToolResultCache.builder()
            .ticker(nanos::get)
            .charging(ToolResultCache.Charging.CHARGED)
            .build();
    Agent agent = agent(cache);
    searxngAnswers("once");
    model
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a")
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a");

    agent.run("question");
    RunResult second = agent.run("question");

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(second.toolUnits()).containsEntry("search", 1L);
    assertThat(toolEvents(second))
        .extracting(RunEvent.ToolCalled::outcome, RunEvent.ToolCalled::units)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ok", 1L),
            org.assertj.core.groups.Tuple.tuple(ToolResultCache.SERVED_BY, 0L));
  }

  @Test
  void onlyTheNamedToolsAreCached() {
    ToolResultCache cache = ToolResultCache.builder().ticker(nanos::get).tools("open").build();
    Agent agent = agent(cache);
    searxngAnswers("one");
    searxngAnswers("two");
    model
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a")
        .searchThenAnswer("{\"queries\":[\"q\"]}", "a");

    agent.run("question");
    agent.run("question");

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(cache.stats().hits()).isZero();
  }
}
