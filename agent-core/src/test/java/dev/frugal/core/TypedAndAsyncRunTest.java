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
import dev.frugal.core.trace.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed answers through the JSON-schema response format, and asynchronous runs, through
 * LangChain4j's real OpenAiChatModel against a scripted server on 127.0.0.1.
 */
class TypedAndAsyncRunTest {
  static final PriceTable PRICES =
      PriceTable.builder()
          .model("gpt-4o-mini", ModelPrice.of(0.15, 0.60))
          .tool("search", 0.001)
          .build();

  /** The typed answer the tests ask for. */
  public enum Role {
    ACTRESS,
    DIPLOMAT
  }

  /** A record answer with a nested list. */
  public record Person(String name, int born, List<Role> roles) {}

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

  Agent agent(Budget budget, RunEventsSeen seen) {
    AgentBuilder b =
        Agent.builder()
            .model("gpt-4o-mini", OpenAiScript.model(server))
            .prices(PRICES)
            .tool(new OpenAiScript.Search(queries))
            .budget(budget)
            .sleeper(d -> {});
    if (seen != null) b.listener(seen.events::add);
    return b.build();
  }

  /** Events a listener saw. */
  static final class RunEventsSeen {
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
  }

  @Test
  void aTypedRunAsksForTheSchemaAndReturnsTheRecordChargingTheStructuringCall() throws Exception {
    server.enqueue(ok(toolCall("c1", "search", "{\"queries\":[\"Corliss Archer\"]}"), 100, 10, 0));
    server.enqueue(ok(text("<answer>Shirley Temple, born 1928</answer>"), 150, 8, 0));
    server.enqueue(
        ok(
            text(
                "{\"name\":\"Shirley Temple\",\"born\":1928,\"roles\":[\"ACTRESS\",\"DIPLOMAT\"]}"),
            80,
            20,
            0));

    TypedResult<Person> r =
        agent(Budget.builder().toolUnits("search", 3).usd(0.01).build(), null)
            .run("Who played Corliss Archer?", Person.class);

    assertThat(r.value())
        .contains(new Person("Shirley Temple", 1928, List.of(Role.ACTRESS, Role.DIPLOMAT)));
    assertThat(r.result().answer()).contains("Shirley Temple, born 1928");
    assertThat(r.result().modelCalls()).containsEntry("gpt-4o-mini", 3L);
    assertThat(r.result().inputTokens()).isEqualTo(330);
    assertThat(r.result().outputTokens()).isEqualTo(38);
    // 330 input tokens at $0.15/M, 38 output at $0.60/M, one search unit at $0.001
    assertThat(r.result().usd()).isEqualTo((330 * 0.15 + 38 * 0.60) / 1e6 + 0.001, within());

    server.takeRequest(1, TimeUnit.SECONDS);
    server.takeRequest(1, TimeUnit.SECONDS);
    JsonNode third = body(server.takeRequest(1, TimeUnit.SECONDS));
    JsonNode format = third.get("response_format");
    assertThat(format.get("type").asText()).isEqualTo("json_schema");
    JsonNode schema = format.get("json_schema").get("schema");
    assertThat(format.get("json_schema").get("name").asText()).isEqualTo("Person");
    assertThat(schema.get("required").toString()).isEqualTo("[\"name\",\"born\",\"roles\"]");
    assertThat(schema.get("properties").get("born").get("type").asText()).isEqualTo("integer");
    assertThat(schema.get("properties").get("roles").get("items").get("enum").toString())
        .isEqualTo("[\"ACTRESS\",\"DIPLOMAT\"]");
    assertThat(third.has("tools")).isFalse();
    assertThat(third.toString()).contains("Final answer: Shirley Temple, born 1928");
  }

  @Test
  void jsonThatDoesNotFitIsAClearErrorCarryingTheRunAndNothingMoreIsSpent() throws Exception {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));
    server.enqueue(ok(text("{\"name\":\"Shirley Temple\",\"born\":\"long ago\"}"), 50, 10, 0));
    server.enqueue(ok(text("must never be requested"), 1, 1, 0));

    Agent agent = agent(Budget.builder().usd(0.01).build(), null);
    assertThatThrownBy(() -> agent.run("Who played Corliss Archer?", Person.class))
        .isInstanceOfSatisfying(
            AnswerFormatException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("the model's JSON does not fit Person: ")
                  .contains("born")
                  .contains("expected an object with name (String), born (int), roles (List)")
                  .endsWith("got: {\"name\":\"Shirley Temple\",\"born\":\"long ago\"}");
              assertThat(e.result().answer()).contains("Shirley Temple");
              assertThat(e.result().modelCalls()).containsEntry("gpt-4o-mini", 2L);
              assertThat(e.result().usd()).isEqualTo((150 * 0.15 + 15 * 0.60) / 1e6, within());
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aMissingFieldIsNamed() {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));
    server.enqueue(ok(text("{\"name\":\"Shirley Temple\",\"born\":1928}"), 50, 10, 0));
    Agent agent = agent(Budget.builder().usd(0.01).build(), null);
    assertThatThrownBy(() -> agent.run("Who?", Person.class))
        .isInstanceOf(AnswerFormatException.class)
        .hasMessageContaining("roles");
  }

  @Test
  void whenTheBudgetCannotPayForStructuringTheTextAnswerStaysAndTheStopReasonSaysWhy() {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));
    Agent agent = agent(Budget.builder().modelCalls("gpt-4o-mini", 1).build(), null);

    TypedResult<Person> r = agent.run("Who played Corliss Archer?", Person.class);

    assertThat(r.value()).isEmpty();
    assertThat(r.result().answer()).contains("Shirley Temple");
    assertThat(((StopReason.BudgetExhausted) r.result().stopReason()).cap())
        .isEqualTo(new Cap.ModelCalls("gpt-4o-mini"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnsupportedTypeFailsBeforeAnythingIsSpent() {
    Agent agent = agent(Budget.unlimited(), null);
    assertThatThrownBy(() -> agent.run("Who?", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a typed answer needs a record or a class with properties, got java.lang.String; e.g."
                + " record Answer(String name, int year) {}");
    record WithMap(java.util.Map<String, String> m) {}
    assertThatThrownBy(() -> agent.run("Who?", WithMap.class))
        .hasMessageContaining("field 'm' of ")
        .hasMessageContaining("use strings, numbers, booleans, enums, java.time values");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void runAsyncCompletesOnTheGivenExecutorWithTheResult() throws Exception {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));
    try {
      List<String> threads = new CopyOnWriteArrayList<>();
      Agent agent =
          Agent.builder()
              .model("gpt-4o-mini", OpenAiScript.model(server))
              .prices(PRICES)
              .budget(Budget.builder().usd(0.01).build())
              .listener(e -> threads.add(Thread.currentThread().getName()))
              .build();
      RunResult r = agent.runAsync("Who played Corliss Archer?", pool).get(10, TimeUnit.SECONDS);
      assertThat(r.answer()).contains("Shirley Temple");
      assertThat(threads).isNotEmpty().allMatch("caller-pool"::equals);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDefaultExecutorCompletesARun() throws Exception {
    server.enqueue(ok(text("<answer>Shirley Temple</answer>"), 100, 5, 0));
    RunResult r =
        agent(Budget.builder().usd(0.01).build(), null)
            .runAsync("Who played Corliss Archer?")
            .get(10, TimeUnit.SECONDS);
    assertThat(r.answer()).contains("Shirley Temple");
  }

  @Test
  void aBlankQuestionFailsAtOnceNotInTheFuture() {
    Agent agent = agent(Budget.unlimited(), null);
    assertThatThrownBy(() -> agent.runAsync(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("question must not be blank");
  }

  @Test
  void cancellingTheFutureCancelsTheRunBeforeItsNextCall() throws Exception {
    server.enqueue(ok(toolCall("c1", "search", "{\"queries\":[\"a\"]}"), 100, 10, 0));
    server.enqueue(ok(text("<answer>never asked</answer>"), 100, 5, 0));
    RunEventsSeen seen = new RunEventsSeen();
    CountDownLatch firstCallStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // an interceptor holds the first model call until the test has cancelled the future
    Agent held =
        Agent.builder()
            .model("gpt-4o-mini", OpenAiScript.model(server))
            .prices(PRICES)
            .tool(new OpenAiScript.Search(queries))
            .budget(Budget.builder().toolUnits("search", 3).build())
            .listener(seen.events::add)
            .modelInterceptor(
                chain -> {
                  firstCallStarted.countDown();
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return chain.proceed(chain.call());
                })
            .build();
    Cancellation cancellation = new Cancellation();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<RunResult> f = held.runAsync("Who?", cancellation, pool);
      assertThat(firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(f.cancel(true)).isTrue();
      assertThat(cancellation.isCancelled()).isTrue();
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    // the held call reaches the engine's metering link after the cancel and is not made
    assertThat(server.getRequestCount()).isZero();
    assertThat(seen.events)
        .filteredOn(RunEvent.RunFinished.class::isInstance)
        .singleElement()
        .extracting(e -> ((RunEvent.RunFinished) e).stopReason())
        .isEqualTo("cancelled");
  }

  @Test
  void aFutureCancelledBeforeItsTaskStartsMakesNoCall() {
    List<Runnable> queued = new ArrayList<>();
    Agent agent = agent(Budget.unlimited(), null);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<RunResult> f = agent.runAsync("Who?", cancellation, queued::add);
    f.cancel(false);
    queued.forEach(Runnable::run);
    assertThat(cancellation.isCancelled()).isTrue();
    assertThat(server.getRequestCount()).isZero();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }
}
