package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.stream.RunStreamHandler;
import dev.frugal.core.trace.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed runs through LangChain4j's real OpenAiStreamingChatModel against server-sent events from
 * a scripted server on 127.0.0.1: answer tokens as they come, tool starts and step events, and what
 * is charged for complete, cut and rate-limited streams.
 */
class StreamingRunTest {
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

  Agent agent(Budget budget) {
    return Agent.builder()
        .model("gpt-4o-mini", SseScript.model(server))
        .prices(PRICES)
        .tool(new OpenAiScript.Search(queries))
        .budget(budget)
        .maxOutputTokens(200)
        .sleeper(d -> {})
        .build();
  }

  /** What a handler received. */
  static final class Seen implements RunStreamHandler {
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final List<String> toolStarts = new CopyOnWriteArrayList<>();
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    final List<RunResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void onAnswerToken(String token) {
      tokens.add(token);
    }

    @Override
    public void onToolStarted(int step, String tool, String arguments, long units, double usd) {
      toolStarts.add(step + " " + tool + " " + units + " " + usd);
    }

    @Override
    public void onEvent(RunEvent event) {
      events.add(event);
    }

    @Override
    public void onComplete(RunResult result) {
      results.add(result);
    }
  }

  static double usd(long in, long out) {
    return Spend.modelCall("gpt-4o-mini", in, 0, out, PRICES).usd();
  }

  @Test
  void theAnswerArrivesTokenByTokenAndTheCallSettlesTheReportedUsage() {
    server.enqueue(
        SseScript.stream(
            List.of(
                SseScript.text("I know this. <ans"),
                SseScript.text("wer>Shirley"),
                SseScript.text(" Temple</an"),
                SseScript.text("swer> done"),
                SseScript.finish("stop"),
                SseScript.usage(120, 17))));
    Seen seen = new Seen();
    RunResult r = agent(Budget.builder().usd(0.05).build()).runStreaming("Who?", seen);

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(seen.tokens).containsExactly("Shirley", " Temple");
    assertThat(seen.results).containsExactly(r);
    assertThat(r.inputTokens()).isEqualTo(120);
    assertThat(r.outputTokens()).isEqualTo(17);
    assertThat(r.usd()).isEqualTo(usd(120, 17));
    assertThat(r.ledger().reserved().picos()).isZero();
    assertThat(seen.events).anyMatch(e -> e instanceof RunEvent.ModelCalled);
    assertThat(seen.events.get(seen.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
  }

  @Test
  void aToolStepReportsTheToolStartWithItsUnitsAndCostAndItsEnd() throws Exception {
    server.enqueue(
        SseScript.stream(
            List.of(
                SseScript.toolCall("call_1", "search", "{\"queries\":[\"Corliss Archer\"]}"),
                SseScript.finish("tool_calls"),
                SseScript.usage(90, 12))));
    server.enqueue(
        SseScript.stream(
            List.of(
                SseScript.text("<answer>Shirley Temple</answer>"),
                SseScript.finish("stop"),
                SseScript.usage(150, 8))));
    Seen seen = new Seen();
    RunResult r =
        agent(Budget.builder().toolUnits("search", 3).usd(0.05).build())
            .runStreaming("Who played Corliss Archer?", seen);

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(queries).containsExactly("Corliss Archer");
    assertThat(seen.toolStarts).containsExactly("1 search 1 0.001");
    assertThat(seen.events)
        .filteredOn(e -> e instanceof RunEvent.ToolCalled)
        .singleElement()
        .satisfies(
            e -> {
              RunEvent.ToolCalled t = (RunEvent.ToolCalled) e;
              assertThat(t.units()).isEqualTo(1);
              assertThat(t.usd()).isEqualTo(0.001);
            });
    // the tool step's text was not an answer: only the final reply's tokens came
    assertThat(String.join("", seen.tokens)).isEqualTo("Shirley Temple");
    assertThat(r.usd()).isEqualTo(usd(90, 12) + usd(150, 8) + 0.001);
    JsonNode second = OpenAiScript.body(server.takeRequest());
    assertThat(second.get("stream").asBoolean()).isTrue();
  }

  @Test
  void aStreamCutMidwayIsChargedItsWholeReservationNotRetriedAndEndsTheRun() throws Exception {
    List<String> events = new ArrayList<>();
    events.add(SseScript.text("<answer>Shirley"));
    // padding so that the cut falls after the first event, inside the body
    for (int i = 0; i < 40; i++) events.add(SseScript.text(" more text " + i));
    events.add(SseScript.finish("stop"));
    events.add(SseScript.usage(120, 60));
    server.enqueue(SseScript.cut(events));
    server.enqueue(SseScript.stream(List.of(SseScript.text("<answer>retried</answer>"))));
    Seen seen = new Seen();
    RunResult r = agent(Budget.builder().usd(0.05).build()).runStreaming("Who?", seen);

    assertThat(seen.tokens).isNotEmpty();
    assertThat(seen.tokens.get(0)).isEqualTo("Shirley");
    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.stopReason().describe()).contains("broke off");
    assertThat(server.getRequestCount()).isEqualTo(1); // not retried
    JsonNode sent = OpenAiScript.body(server.takeRequest());
    long maxTokens =
        sent.has("max_completion_tokens")
            ? sent.get("max_completion_tokens").asLong()
            : sent.get("max_tokens").asLong();
    // charged the reservation: the whole output allowance sent with the request, never less
    assertThat(r.outputTokens()).isEqualTo(maxTokens);
    assertThat(r.inputTokens()).isPositive();
    assertThat(r.usd()).isEqualTo(usd(r.inputTokens(), maxTokens));
    assertThat(r.ledger().reserved().picos()).isZero();
  }

  @Test
  void a429BeforeTheFirstTokenIsRetriedAndOnlyTheReplyThatCameIsCharged() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")
            .build());
    server.enqueue(
        SseScript.stream(
            List.of(
                SseScript.text("<answer>Shirley Temple</answer>"),
                SseScript.finish("stop"),
                SseScript.usage(100, 9))));
    Seen seen = new Seen();
    RunResult r = agent(Budget.builder().usd(0.05).build()).runStreaming("Who?", seen);

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(String.join("", seen.tokens)).isEqualTo("Shirley Temple");
    assertThat(seen.events)
        .filteredOn(e -> e instanceof RunEvent.ModelFailed)
        .singleElement()
        .satisfies(e -> assertThat(((RunEvent.ModelFailed) e).retrying()).isTrue());
    assertThat(r.usd()).isEqualTo(usd(100, 9));
    assertThat(r.modelCalls()).containsEntry("gpt-4o-mini", 1L);
  }

  @Test
  void aBlockingRunOfAStreamingModelWaitsForTheWholeReply() {
    server.enqueue(
        SseScript.stream(
            List.of(
                SseScript.text("<answer>Shirley "),
                SseScript.text("Temple</answer>"),
                SseScript.finish("stop"),
                SseScript.usage(100, 9))));
    RunResult r = agent(Budget.builder().usd(0.05).build()).run("Who?");
    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(r.usd()).isEqualTo(usd(100, 9));
  }

  @Test
  void aModelThatDoesNotStreamStillGivesTheEventsAndTheAnswerWholeAtTheEnd() {
    server.enqueue(
        OpenAiScript.ok(OpenAiScript.text("<answer>Shirley Temple</answer>"), 100, 9, 0));
    Agent agent =
        Agent.builder()
            .model("gpt-4o-mini", OpenAiScript.model(server))
            .prices(PRICES)
            .budget(Budget.builder().usd(0.05).build())
            .build();
    Seen seen = new Seen();
    RunResult r = agent.runStreaming("Who?", seen);
    assertThat(seen.tokens).containsExactly("Shirley Temple");
    assertThat(seen.results).containsExactly(r);
    assertThat(seen.events).anyMatch(e -> e instanceof RunEvent.ModelCalled);
  }
}
