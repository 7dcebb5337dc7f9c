package dev.frugal.core;

import static dev.frugal.core.OpenAiScript.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.intercept.RetryPolicy;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole-call model timeout against a real local server: it bounds the reply body too, and
 * retries respect the time left. The class {@code @Timeout} only guards against a hang (without the
 * model timeout, the trickled reply below would take minutes).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelTimeoutTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build();

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = OpenAiScript.startLocal();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The client's own timeout is long (a byte every 2 s never trips a 30 s read timeout). */
  OpenAiChatModel patientClient() {
    return OpenAiChatModel.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  RunResult run(Duration timeout, RetryPolicy retries) {
    return Agent.builder()
        .model("gpt-4o-mini", patientClient())
        .prices(PRICES)
        .budget(Budget.builder().usd(0.01).build())
        .modelTimeout(timeout)
        .retryPolicy(retries)
        .sleeper(d -> {})
        .build()
        .run("Who played Corliss Archer?");
  }

  /** A complete chat-completion body, served a byte at a time below. */
  static String completion() {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":"
        + answer("<answer>Shirley Temple</answer>")
        + ",\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":5,\"total_tokens\":105}}";
  }

  /**
   * A response body that sends one byte, then waits, then the next: it never trips a read timeout.
   */
  record Trickle(String text, Duration every, AtomicInteger sent) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
      for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        sink.writeByte(b);
        sink.flush();
        sent.incrementAndGet();
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("server closing");
        }
      }
    }
  }

  static String answer(String text) {
    return "{\"role\":\"assistant\",\"content\":\"" + text + "\"}";
  }

  @Test
  void aServerTricklingItsBodyIsCutOffAtTheModelTimeout() throws Exception {
    Trickle trickle = new Trickle(completion(), Duration.ofSeconds(2), new AtomicInteger());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(trickle)
            .build());

    RunResult r = run(Duration.ofMillis(4500), RetryPolicy.defaults());

    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.stopReason().describe())
        .contains("model 'gpt-4o-mini' failed after 1 attempt")
        .contains("no complete reply within the model timeout of 4.5s")
        .contains("--model-timeout");
    assertThat(trickle.sent().get()).as("body bytes sent before the cut").isPositive();
    assertThat(server.getRequestCount()).isEqualTo(1); // no time left for a retry
    assertThat(r.answer()).isEmpty();
    // the provider was sent the call and may bill it: charged its reservation, marked estimated
    assertThat(r.usd()).isPositive();
    assertThat(r.ledger().estimated()).isEqualTo(r.ledger().used());
    assertThat(r.ledger().used().modelCalls()).containsEntry("gpt-4o-mini", 1L);
    assertThat(r.ledger().reserved()).isEqualTo(Spend.ZERO);
  }

  @Test
  void anUnreadableReplyIsChargedItsReservationAsAnEstimate() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"choices\": [{\"message\": ")
            .build());

    RunResult r = run(Duration.ofSeconds(30), RetryPolicy.none());

    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.usd()).isPositive();
    assertThat(r.ledger().estimated()).isEqualTo(r.ledger().used());
    assertThat(r.ledger().reserved()).isEqualTo(Spend.ZERO);
  }

  @Test
  void aRefusedCallIsNotCharged() {
    server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":{}}").build());

    RunResult r = run(Duration.ofSeconds(30), RetryPolicy.none());

    assertThat(r.stopReason()).isInstanceOf(StopReason.ModelFailure.class);
    assertThat(r.usd()).isZero();
    assertThat(r.ledger().estimated()).isEqualTo(Spend.ZERO);
  }

  @Test
  void aServerThatNeverAnswersIsCutOffAtTheModelTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    RunResult r = run(Duration.ofSeconds(3), RetryPolicy.defaults());

    assertThat(r.stopReason().describe())
        .contains("no complete reply within the model timeout of 3s");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetryWhoseWaitWouldEndPastTheTimeoutIsNotMade() {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{}}").build());
    server.enqueue(ok(answer("<answer>Shirley Temple</answer>"), 100, 5, 0));

    RunResult r =
        run(
            Duration.ofSeconds(2),
            new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(8), 0));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(r.stopReason().describe())
        .contains("not retried: the next attempt would start after the model timeout of 2s");
    assertThat(r.usd()).isZero();
  }

  @Test
  void aRetryWithinTheTimeoutIsStillMade() {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{}}").build());
    server.enqueue(ok(answer("<answer>Shirley Temple</answer>"), 100, 5, 0));

    RunResult r =
        run(
            Duration.ofSeconds(30),
            new RetryPolicy(3, Duration.ofMillis(10), 2, Duration.ofMillis(20), 0));

    assertThat(r.answer()).contains("Shirley Temple");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
