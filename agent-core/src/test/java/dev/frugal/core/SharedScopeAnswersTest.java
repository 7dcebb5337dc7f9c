package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.InProcessBudgetStore;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.ScopeView;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Spend;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs on a nearly spent shared scope (a user's monthly cap) keep their final-answer reserve in the
 * scope, and a burst of runs on one scope may wait for room instead of refusing each other. The
 * models are simulations (scripted replies with fixed token usage); the store is the real
 * in-process one.
 */
class SharedScopeAnswersTest {
  // a tool call costs $0.001 and a model call $0.000015 (50 input and 5 output tokens)
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(0.1, 2.0)).tool("lookup", 0.001).build();

  static BudgetScope alice() {
    return BudgetScope.parse("user:alice/month", Budget.builder().usd(0.0025).build());
  }

  @Test
  void sequentialRunsOnANearlySpentScopeAnswerWheneverTheySpend() {
    List<RunResult> runs = sequentialRuns(InProcessBudgetStore.create(), alice());
    assertEveryRunThatSpentAnswered(runs);
  }

  @Test
  void aBurstOfRunsWaitingForRoomAllAnswerWhereRefusingAtOnceDoesNot() throws Exception {
    BudgetScope scope = alice();
    List<RunResult> refusing = burst(InProcessBudgetStore.create(), scope, Duration.ZERO);
    List<RunResult> waiting = burst(InProcessBudgetStore.create(), scope, Duration.ofSeconds(30));
    long answeredAtOnce =
        refusing.stream().filter(r -> r.stopReason() instanceof StopReason.Answered).count();
    assertThat(answeredAtOnce).isLessThan(8);
    assertThat(waiting).extracting(RunResult::stopReason).containsOnly(new StopReason.Answered());
    assertEveryRunThatSpentAnswered(refusing);
    assertEveryRunThatSpentAnswered(waiting);
  }

  /**
   * Four runs one after another on {@code scope} ($0.0025), each with its own cap of $0.004: the
   * simulated model calls the $0.001 tool until the budget stops it, then answers when asked to.
   * Checks that the scope's books hold exactly what the runs spent, within its cap.
   */
  static List<RunResult> sequentialRuns(BudgetStore store, BudgetScope scope) {
    SharedBudgets shared = SharedBudgets.of(store, scope);
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ScriptedChatModel model = new ScriptedChatModel().toolCallsUntilForced(40, "lookup", "Paris");
      runs.add(
          Agent.builder()
              .budget(Budget.builder().usd(0.004).build())
              .model("m", model)
              .prices(PRICES)
              .toolsFrom(new Lookup())
              .maxOutputTokens(100)
              .sharedBudgets(shared)
              .build()
              .run("What is the capital of France?"));
    }
    assertBooksBalance(store.view(scope), runs);
    return runs;
  }

  /**
   * Eight runs at once on {@code scope}, each answering in one model call (cap $0.002 a run). The
   * simulated model holds every call until each of the eight runs has either reached the model or
   * been refused by the scope once, so the runs always meet at the scope together.
   */
  static List<RunResult> burst(BudgetStore real, BudgetScope scope, Duration wait)
      throws Exception {
    Gate gate = new Gate(8);
    ThreadLocal<String> question = new ThreadLocal<>();
    BudgetStore store = new ObservedStore(real, () -> gate.arrive(question.get()));
    SharedBudgets shared = SharedBudgets.of(store, scope).waitUpTo(wait);
    Agent agent =
        Agent.builder()
            .budget(Budget.builder().usd(0.002).build())
            .model("m", new GatedModel(gate))
            .prices(PRICES)
            .maxOutputTokens(100)
            .sharedBudgets(shared)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String q = "What is the capital of France? (run " + i + ")";
        futures.add(
            pool.submit(
                () -> {
                  question.set(q);
                  return agent.run(q);
                }));
      }
      List<RunResult> runs = new ArrayList<>();
      for (Future<RunResult> f : futures) runs.add(f.get(120, TimeUnit.SECONDS));
      assertBooksBalance(real.view(scope), runs);
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertEveryRunThatSpentAnswered(List<RunResult> runs) {
    assertThat(runs).anySatisfy(r -> assertThat(r.usd()).isPositive());
    for (RunResult r : runs) {
      if (r.usd() > 0) {
        assertThat(r.answer())
            .as("run %s spent $%s; stop: %s", r.runId(), r.usd(), r.stopReason())
            .isPresent();
      }
    }
  }

  static void assertBooksBalance(ScopeView view, List<RunResult> runs) {
    LedgerSnapshot books = view.books();
    long spent = runs.stream().mapToLong(r -> r.ledger().used().picos()).sum();
    assertThat(books.used().picos()).isEqualTo(spent);
    assertThat(books.used().picos())
        .isLessThanOrEqualTo(view.scope().caps().usdPicos().getAsLong());
    assertThat(books.reserved()).isEqualTo(Spend.ZERO);
  }

  /** Opens once {@code parties} different runs have arrived (or after a liveness bound). */
  static final class Gate {
    private final int parties;
    private final Set<String> arrived = ConcurrentHashMap.newKeySet();

    Gate(int parties) {
      this.parties = parties;
    }

    synchronized void arrive(String run) {
      if (run != null) arrived.add(run);
      notifyAll();
    }

    synchronized void await(String run) throws InterruptedException {
      arrive(run);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // liveness only
      while (arrived.size() < parties && System.nanoTime() < end) {
        wait(100);
      }
    }
  }

  /** A simulated model: answers "Paris" in one reply (50 input, 5 output tokens), at the gate. */
  static final class GatedModel implements ChatModel {
    private final Gate gate;

    GatedModel(Gate gate) {
      this.gate = gate;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      String run =
          request.messages().stream()
              .filter(UserMessage.class::isInstance)
              .map(m -> ((UserMessage) m).singleText())
              .findFirst()
              .orElse(null);
      try {
        gate.await(run);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return ChatResponse.builder()
          .aiMessage(AiMessage.from("<answer>Paris</answer>"))
          .tokenUsage(new TokenUsage(50, 5))
          .build();
    }
  }

  /** The real store, telling {@code onRefusal} each time a scope refuses a reservation. */
  record ObservedStore(BudgetStore real, Runnable onRefusal) implements BudgetStore {
    @Override
    public Hold reserve(List<BudgetScope> scopes, Spend estimate) {
      try {
        return real.reserve(scopes, estimate);
      } catch (BudgetExceededException e) {
        onRefusal.run();
        throw e;
      }
    }

    @Override
    public void record(List<BudgetScope> scopes, Spend actual) {
      real.record(scopes, actual);
    }

    @Override
    public ScopeView view(BudgetScope scope) {
      return real.view(scope);
    }

    @Override
    public void reset(BudgetScope scope) {
      real.reset(scope);
    }

    @Override
    public String describe() {
      return real.describe();
    }
  }
}
