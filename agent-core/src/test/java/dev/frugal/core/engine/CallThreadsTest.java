package dev.frugal.core.engine;

import static dev.frugal.core.ToolFailuresTest.agent;
import static dev.frugal.core.ToolFailuresTest.callsThenAnswers;
import static dev.frugal.core.ToolFailuresTest.toolText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.ToolFailuresTest.Plain;
import dev.frugal.core.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where model and tool calls run ({@link dev.frugal.core.AgentBuilder#isolateCalls}) and how a
 * deadline ends them there: inline on the run's thread by default, on worker threads when isolated.
 * Every tool here that ignores interrupts ends on its own, so that a broken deadline shows as a
 * failed assertion, not as a hung build; the {@code @Timeout} only guards against a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallThreadsTest {

  @Test
  void byDefaultAToolRunsOnTheRunsOwnThread() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    agent(callsThenAnswers("where"))
        .tool(new Plain("where", () -> record(ranOn)))
        .budgetTracker(false)
        .build()
        .run("q?");
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void isolatedAToolRunsOnAWorkerThread() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    agent(callsThenAnswers("where"))
        .tool(new Plain("where", () -> record(ranOn)))
        .isolateCalls(true)
        .budgetTracker(false)
        .build()
        .run("q?");
    assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(ranOn.get().getName()).startsWith("frugal-call-");
  }

  @Test
  void anInlineToolDeafToInterruptsHoldsTheRunUntilItReturnsThenCountsAsTimedOutAndIsCharged() {
    List<Boolean> interruptedOnEntry = new ArrayList<>();
    ScriptedChatModel model =
        new ScriptedChatModel().thenTool("deaf", "{}").thenTool("check", "{}").thenAnswer("done");
    RunResult r =
        agent(model)
            .tool(
                new Plain(
                    "deaf",
                    () -> {
                      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                      while (System.nanoTime() < end) Thread.onSpinWait(); // deaf
                      return ToolResult.ok("late but real");
                    }))
            .tool(
                new Plain(
                    "check",
                    () -> {
                      interruptedOnEntry.add(Thread.currentThread().isInterrupted());
                      Thread.sleep(5); // would throw if the deadline's interrupt had leaked
                      return ToolResult.ok("fine");
                    }))
            .toolTimeout("deaf", Duration.ofMillis(50))
            .budgetTracker(false)
            .build()
            .run("q?");

    assertThat(toolText(model.requests.get(1)))
        .startsWith("ERROR: tool 'deaf' timed out after 50ms");
    assertThat(toolText(model.requests.get(2))).isEqualTo("fine");
    assertThat(interruptedOnEntry).containsExactly(false);
    // it did run to the end: its unit is spent, as an isolated tool finishing late is
    assertThat(r.toolUnits()).containsEntry("deaf", 1L);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aDeadlineRacingTheEndOfAnInlineCallNeverLeavesTheThreadInterrupted() throws Exception {
    Random random = new Random(42);
    int timedOut = 0;
    int returned = 0;
    for (int i = 0; i < 3_000; i++) {
      long spin = random.nextInt(200_000); // 0-200 us, around the 100 us deadline
      int n = i;
      BoundedCall<Integer> call =
          BoundedCall.start(
              () -> {
                long end = System.nanoTime() + spin;
                while (System.nanoTime() < end) Thread.onSpinWait();
                return n;
              },
              false);
      try {
        assertThat(call.await(100_000)).isEqualTo(n);
        returned++;
      } catch (TimeoutException e) {
        timedOut++;
        AtomicReference<Object> late = new AtomicReference<>();
        call.whenDone((v, t) -> late.set(v));
        assertThat(late.get()).isEqualTo(n);
      }
      assertThat(Thread.currentThread().isInterrupted()).as("after call %d", i).isFalse();
    }
    assertThat(timedOut).isPositive();
    assertThat(returned).isPositive();
  }

  @Test
  void anInlineCallThatFailsIsReportedWithItsCause() {
    BoundedCall<Integer> call =
        BoundedCall.start(
            () -> {
              throw new IllegalArgumentException("bad");
            },
            false);
    assertThatThrownBy(() -> call.await(TimeUnit.SECONDS.toNanos(10)))
        .isInstanceOf(BoundedCall.Failed.class)
        .cause()
        .hasMessage("bad");
  }

  @Test
  void anInlineCallAbandonedBeforeItStartsRunsInterruptedAndTheFlagIsClearedAfter() {
    AtomicReference<Boolean> sawInterrupt = new AtomicReference<>();
    BoundedCall<String> call =
        BoundedCall.start(
            () -> {
              sawInterrupt.set(Thread.currentThread().isInterrupted());
              Thread.sleep(10_000);
              return "never";
            },
            false);
    call.abandon();
    assertThatThrownBy(() -> call.await(TimeUnit.SECONDS.toNanos(30)))
        .isInstanceOf(BoundedCall.Failed.class)
        .cause()
        .isInstanceOf(InterruptedException.class);
    assertThat(sawInterrupt.get()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void anInterruptFromOutsideTheEngineEndsTheWaitAsAnInterruption() {
    Thread.currentThread().interrupt();
    BoundedCall<String> call = BoundedCall.start(() -> "not run", false);
    assertThatThrownBy(() -> call.await(TimeUnit.SECONDS.toNanos(30)))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isFalse(); // await consumed it, as Future.get does
  }

  private static ToolResult record(AtomicReference<Thread> ranOn) {
    ranOn.set(Thread.currentThread());
    return ToolResult.ok("here");
  }
}
