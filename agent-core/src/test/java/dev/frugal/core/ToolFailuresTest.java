package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a misbehaving tool does to a run: an Error is a tool error, a tool that does not return
 * times out (default, per tool, per call), cancellation interrupts it, and a null result is an
 * error that is not charged. The {@code @Timeout}s only guard against a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class ToolFailuresTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();

  /** A plain tool whose body the test supplies. */
  public record Plain(String name, Body body, Duration ownTimeout) implements Tool {
    public interface Body {
      ToolResult run() throws Exception;
    }

    public Plain(String name, Body body) {
      this(name, body, null);
    }

    @Override
    public ToolSpecification specification() {
      return ToolSpecification.builder().name(name).description("a test tool").build();
    }

    @Override
    public ToolResult execute(ToolCall call) throws Exception {
      return body.run();
    }

    @Override
    public Optional<Duration> timeout(ToolCall call) {
      return Optional.ofNullable(ownTimeout);
    }
  }

  public static String toolText(ChatRequest r) {
    return ((ToolExecutionResultMessage) r.messages().get(r.messages().size() - 1)).text();
  }

  /** An agent on {@code model}, uncapped and priced. */
  public static AgentBuilder agent(ScriptedChatModel model) {
    return Agent.builder().budget(Budget.unlimited()).model("m", model).prices(PRICES);
  }

  public static ScriptedChatModel callsThenAnswers(String tool) {
    return new ScriptedChatModel().thenTool(tool, "{}").thenAnswer("done");
  }

  @Test
  void aToolThrowingAnErrorIsAToolErrorNotAThrowFromRun() {
    ScriptedChatModel model = callsThenAnswers("broken");
    RunResult r =
        agent(model)
            .tool(
                new Plain(
                    "broken",
                    () -> {
                      throw new AssertionError("invariant violated");
                    }))
            .budgetTracker(false)
            .build()
            .run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(toolText(model.requests.get(1)))
        .isEqualTo("ERROR: tool 'broken' failed: AssertionError: invariant violated");
    assertThat(r.toolUnits()).doesNotContainKey("broken");
  }

  /**
   * What the README says of errors from a tool: a {@code StackOverflowError} is a tool error, but
   * the errors that leave the JVM unusable ({@code OutOfMemoryError} and the other {@code
   * VirtualMachineError}s) are rethrown and end the run, whether calls are isolated or not.
   */
  @Test
  void aStackOverflowIsAToolErrorButAnOutOfMemoryErrorEndsTheRun() {
    ScriptedChatModel deep = callsThenAnswers("deep");
    RunResult r =
        agent(deep)
            .tool(
                new Plain(
                    "deep",
                    () -> {
                      throw new StackOverflowError("too deep");
                    }))
            .budgetTracker(false)
            .build()
            .run("q?");
    assertThat(r.answer()).contains("done");
    assertThat(toolText(deep.requests.get(1))).contains("StackOverflowError: too deep");
    for (boolean isolated : new boolean[] {false, true}) {
      Agent agent =
          agent(callsThenAnswers("hungry"))
              .tool(
                  new Plain(
                      "hungry",
                      () -> {
                        throw new OutOfMemoryError("simulated: Java heap space");
                      }))
              .isolateCalls(isolated)
              .budgetTracker(false)
              .build();
      assertThatThrownBy(() -> agent.run("q?"))
          .as("isolateCalls(%s)", isolated)
          .isInstanceOf(OutOfMemoryError.class)
          .hasMessage("simulated: Java heap space");
    }
  }

  /** An annotated tool that returns null. */
  public static final class Nothing {
    @dev.langchain4j.agent.tool.Tool("Finds nothing")
    public String find(String what) {
      return null;
    }
  }

  @Test
  void aToolReturningNullIsAnErrorAndIsNotCharged() {
    ScriptedChatModel model =
        new ScriptedChatModel().thenTool("find", "{\"what\": \"x\"}").thenAnswer("done");
    RunResult r = agent(model).toolsFrom(new Nothing()).budgetTracker(false).build().run("q?");

    assertThat(toolText(model.requests.get(1)))
        .isEqualTo(
            "ERROR: tool 'find' returned null instead of a result; the call was not charged");
    assertThat(r.toolUnits()).doesNotContainKey("find");
    assertThat(r.usdByTool()).doesNotContainKey("find");
  }

  @Test
  void aToolThatNeverReturnsTimesOutAndIsInterrupted() {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    ScriptedChatModel model = callsThenAnswers("hang");
    RunResult r =
        agent(model)
            .tool(
                new Plain(
                    "hang",
                    () -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return ToolResult.ok("unreachable");
                    }))
            .toolTimeout("hang", Duration.ofMillis(200))
            .budgetTracker(false)
            .build()
            .run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(toolText(model.requests.get(1)))
        .isEqualTo(
            "ERROR: tool 'hang' timed out after 200ms (toolTimeout(\"hang\", ...)) and was stopped;"
                + " it was not charged unless it finishes after all");
    assertThat(r.toolUnits()).doesNotContainKey("hang");
    awaitTrue(interrupted);
  }

  @Test
  void anIsolatedToolThatIgnoresInterruptsCannotHoldTheRunPastTheDefaultTimeout() {
    AtomicBoolean release = new AtomicBoolean();
    ScriptedChatModel model = callsThenAnswers("stubborn");
    try {
      RunResult r =
          agent(model)
              .tool(
                  new Plain(
                      "stubborn",
                      () -> {
                        while (!release.get()) Thread.onSpinWait(); // deaf to interrupts
                        return ToolResult.ok("late");
                      }))
              .toolTimeout(Duration.ofMillis(300))
              .isolateCalls(true)
              .budgetTracker(false)
              .build()
              .run("q?");
      assertThat(r.answer()).contains("done");
      assertThat(toolText(model.requests.get(1)))
          .startsWith("ERROR: tool 'stubborn' timed out after 300ms (the default toolTimeout)");
      assertThat(release).isFalse(); // the run went on while the tool still spun
    } finally {
      release.set(true);
    }
  }

  @Test
  void aToolCanGiveOneCallItsOwnTimeout() {
    ScriptedChatModel model = callsThenAnswers("slow");
    agent(model)
        .tool(
            new Plain(
                "slow",
                () -> {
                  Thread.sleep(60_000);
                  return ToolResult.ok("late");
                },
                Duration.ofMillis(100)))
        .budgetTracker(false)
        .build()
        .run("q?");
    assertThat(toolText(model.requests.get(1)))
        .startsWith(
            "ERROR: tool 'slow' timed out after 100ms (the tool's own timeout for this call)");
  }

  @Test
  void cancellingARunInterruptsTheToolItIsRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    ScriptedChatModel model = callsThenAnswers("wait");
    Agent agent =
        agent(model)
            .tool(
                new Plain(
                    "wait",
                    () -> {
                      started.countDown();
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return ToolResult.ok("late");
                    }))
            .budgetTracker(false)
            .build();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(() -> agent.run("q?", cancellation));
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();

    RunResult r = run.get(30, TimeUnit.SECONDS);
    assertThat(interrupted).isTrue();
    assertThat(r.stopReason()).isEqualTo(new StopReason.Cancelled());
    assertThat(model.requests).hasSize(1); // no model call after the cancellation
    assertThat(r.toolUnits()).doesNotContainKey("wait");
    assertThat(r.trace())
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        RunEvent.ToolCalled.class,
                        t -> assertThat(t.detail()).contains("cancelled while tool 'wait' ran")));
  }

  @Test
  void aTimeoutForAToolTheAgentDoesNotHaveFailsAtBuild() {
    assertThatThrownBy(
            () ->
                agent(new ScriptedChatModel())
                    .toolsFrom(new Lookup())
                    .toolTimeout("lokup", Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "toolTimeout(\"lokup\", ...) names no tool of this agent; its tools are [lookup]");
    assertThatThrownBy(() -> Agent.builder().toolTimeout(Duration.ZERO))
        .hasMessage("toolTimeout must be a positive duration, got PT0S");
  }

  static void awaitTrue(AtomicBoolean flag) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!flag.get() && System.nanoTime() < end) Thread.onSpinWait();
    assertThat(flag).isTrue();
  }
}
