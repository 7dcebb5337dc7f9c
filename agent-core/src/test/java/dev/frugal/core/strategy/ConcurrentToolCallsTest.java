package dev.frugal.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.frugal.core.Agent;
import dev.frugal.core.Cancellation;
import dev.frugal.core.Lookup;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.core.strategy.bavt.Bavt;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tool calls of one model turn run at once on the agent's executor (ReAct, BATS attempts, BAVT
 * expansions), and one after another without it. Every wait is bounded by a generous timeout, so
 * that a turn that did not run its calls at once fails with a clear assertion rather than a hang.
 */
class ConcurrentToolCallsTest {
  static final PriceTable PRICES =
      PriceTable.builder()
          .model("m", ModelPrice.of(1, 1))
          .tool("lookup", 0.001)
          .tool("alpha", 0.001)
          .tool("beta", 0.001)
          .tool("gamma", 0.001)
          .build();
  static final String POOL = "turn-pool-";
  static final long WAIT_S = 20;

  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void shutDown() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService p =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, POOL + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pools.add(p);
    return p;
  }

  /** A model whose one tool turn asks for alpha, beta and gamma at once, then answers. */
  private static TurnModel threeCallTurn() {
    return new TurnModel(turn(call("alpha", "a"), call("beta", "b"), call("gamma", "c")));
  }

  /** What {@link #threeCallTurn()}'s calls return, in the model's order. */
  private static final List<String> THREE_RESULTS =
      List.of(
          "c1 alpha: alpha ran together with the others on a",
          "c2 beta: beta ran together with the others on b",
          "c3 gamma: gamma ran together with the others on c");

  // ---- ReAct

  @Test
  void threeCallsOfOneTurnRunAtOnceOnTheExecutorAndTheirResultsKeepTheModelsOrder() {
    Gate gate = new Gate(3);
    TurnModel model = threeCallTurn();
    ThreadsSeen threads = new ThreadsSeen();
    RunResult r = agent(model, gate, ReAct.builder().build(), threads).run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(resultsSent(model)).containsExactlyElementsOf(THREE_RESULTS);
    // the tools ended gamma, beta, alpha; the conversation above reads in the model's order
    assertThat(gate.ends()).containsExactly("gamma", "beta", "alpha");
    threads.assertRanOnThePool(Set.of("alpha", "beta", "gamma"));
    assertThat(r.toolUnits()).containsEntry("alpha", 1L).containsEntry("beta", 1L);
    // each call is a scope inside the turn's scope
    assertThat(r.trace())
        .filteredOn(e -> e instanceof RunEvent.ScopeOpened o && o.kind().equals("tool-call"))
        .extracting(e -> ((RunEvent.ScopeOpened) e).label())
        .containsExactlyInAnyOrder("call 1 of 3: alpha", "call 2 of 3: beta", "call 3 of 3: gamma");
  }

  @Test
  void withoutAnExecutorTheCallsRunOneAfterAnotherOnTheRunsThread() {
    Recorder tools = new Recorder();
    TurnModel model = threeCallTurn();
    ThreadsSeen threads = new ThreadsSeen();
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tools)
            .listener(threads)
            .strategy(ReAct.builder().build())
            .budget(units(5, "alpha", "beta", "gamma"))
            .build()
            .run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(tools.log)
        .containsExactly(
            "start alpha", "end alpha", "start beta", "end beta", "start gamma", "end gamma");
    assertThat(threads.byTool.values()).containsOnly(Thread.currentThread().getName());
    assertThat(r.trace())
        .noneMatch(e -> e instanceof RunEvent.ScopeOpened o && o.kind().startsWith("tool"));
  }

  @Test
  void twoConcurrentCallsWithOneUnitLeftNeverOverspend() {
    Random rnd = new Random(20261130L);
    String refusal = null;
    for (int round = 0; round < 150; round++) {
      int k = 2 + rnd.nextInt(4); // calls in the turn
      ExecutorService p = pool(k - 1 + rnd.nextInt(3)); // enough threads for all k at once
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (int i = 0; i < k; i++) calls.add(call("lookup", "w" + rnd.nextInt(1000) + "-" + i));
      Collections.shuffle(calls, rnd);
      Lookup lookup = new Lookup();
      TurnModel model = new TurnModel(turn(calls.toArray(ToolExecutionRequest[]::new)));
      CyclicBarrier together = new CyclicBarrier(k); // every call reaches the ledger at once
      RunResult r =
          Agent.builder()
              .model("m", model)
              .prices(PRICES)
              .toolsFrom(lookup)
              .budgetTracker(false)
              .toolInterceptor(
                  chain -> {
                    try {
                      together.await(WAIT_S, TimeUnit.SECONDS);
                    } catch (Exception e) {
                      throw new IllegalStateException("the calls were not in flight together", e);
                    }
                    return chain.proceed(chain.invocation());
                  })
              .executor(p)
              .strategy(ReAct.builder().build())
              .budget(Budget.builder().toolUnits("lookup", 1).build())
              .build()
              .run("q?");

      List<String> texts = resultsSent(model);
      List<String> ran = texts.stream().filter(t -> t.contains(": about w")).toList();
      List<String> refused = texts.stream().filter(t -> !t.contains(": about w")).toList();
      assertThat(ran).as("round %d: calls that ran", round).hasSize(1);
      assertThat(lookup.calls).as("round %d", round).hasValue(1);
      assertThat(r.toolUnits()).as("round %d", round).containsEntry("lookup", 1L);
      assertThat(r.stopReason()).isNotInstanceOf(StopReason.Overshot.class);
      for (String t : refused) {
        String text = t.substring(t.indexOf(": ") + 2);
        if (refusal == null) refusal = text;
        assertThat(text).as("round %d", round).isEqualTo(refusal);
      }
      p.shutdownNow();
    }
    // the usual refusal: what a sequential run answers the second call
    assertThat(refusal).isEqualTo(sequentialRefusal());
  }

  private static String sequentialRefusal() {
    TurnModel model = new TurnModel(turn(call("lookup", "a"), call("lookup", "b")));
    Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .budgetTracker(false)
        .strategy(ReAct.builder().build())
        .budget(Budget.builder().toolUnits("lookup", 1).build())
        .build()
        .run("q?");
    String second = resultsSent(model).get(1);
    assertThat(second).startsWith("c2 lookup: ERROR: budget refused").endsWith("not made.");
    return second.substring(second.indexOf(": ") + 2);
  }

  @Test
  void anIdenticalCallOfTheSameTurnIsAnsweredFromTheFirstAsInASequentialRun() {
    AiMessage turn = turn(call("lookup", "x"), call("lookup", "x"), call("lookup", "y"));
    Lookup concurrentTool = new Lookup();
    TurnModel concurrent = new TurnModel(turn);
    RunResult r =
        Agent.builder()
            .model("m", concurrent)
            .prices(PRICES)
            .toolsFrom(concurrentTool)
            .budgetTracker(false)
            .executor(pool(4))
            .strategy(ReAct.builder().build())
            .budget(Budget.builder().toolUnits("lookup", 5).build())
            .build()
            .run("q?");
    Lookup sequentialTool = new Lookup();
    TurnModel sequential = new TurnModel(turn);
    Agent.builder()
        .model("m", sequential)
        .prices(PRICES)
        .toolsFrom(sequentialTool)
        .budgetTracker(false)
        .strategy(ReAct.builder().build())
        .budget(Budget.builder().toolUnits("lookup", 5).build())
        .build()
        .run("q?");

    assertThat(resultsSent(concurrent)).isEqualTo(resultsSent(sequential));
    assertThat(resultsSent(concurrent).get(1)).contains("it was not run again and not charged");
    assertThat(concurrentTool.calls).hasValue(2);
    assertThat(r.toolUnits()).containsEntry("lookup", 2L);
  }

  @Test
  void aToolThatThrowsFailsOnlyItsOwnCall() {
    Gate gate = new Gate(3);
    gate.failing = "beta";
    TurnModel model = threeCallTurn();
    RunResult r = agent(model, gate, ReAct.builder().build(), new ThreadsSeen()).run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(resultsSent(model))
        .containsExactly(
            "c1 alpha: alpha ran together with the others on a",
            "c2 beta: ERROR: tool 'beta' failed: IllegalStateException: beta broke",
            "c3 gamma: gamma ran together with the others on c");
    assertThat(r.toolUnits()).containsEntry("alpha", 1L).containsEntry("gamma", 1L);
    assertThat(r.toolUnits().getOrDefault("beta", 0L)).isZero();
  }

  @Test
  void whatEndsARunIsRethrownOnceTheOtherCallsOfTheTurnHaveEnded() {
    CountDownLatch goodStarted = new CountDownLatch(1);
    AtomicInteger ended = new AtomicInteger();
    TurnModel model = new TurnModel(turn(call("lookup", "bad"), call("lookup", "good")));
    Agent agent =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(new Lookup())
            .toolInterceptor(
                chain -> {
                  if (chain.invocation().rawArguments().contains("bad")) {
                    try { // fails while the good call is in flight
                      goodStarted.await(WAIT_S, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    throw new IllegalArgumentException("the interceptor gave up");
                  }
                  goodStarted.countDown();
                  try {
                    return chain.proceed(chain.invocation());
                  } finally {
                    ended.incrementAndGet();
                  }
                })
            .executor(pool(2))
            .strategy(ReAct.builder().build())
            .budget(Budget.builder().toolUnits("lookup", 5).build())
            .build();

    assertThatThrownBy(() -> agent.run("q?"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the interceptor gave up");
    assertThat(ended).as("the good call ended before the failure left the turn").hasValue(1);
  }

  @Test
  void cancellingTheRunInterruptsEveryCallInFlight() throws Exception {
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch interrupted = new CountDownLatch(3);
    Blocker tools = new Blocker(started, interrupted);
    TurnModel model = threeCallTurn();
    Agent agent =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(tools)
            .executor(pool(3))
            .strategy(ReAct.builder().build())
            .budget(units(5, "alpha", "beta", "gamma"))
            .build();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<RunResult> run = agent.runAsync("q?", cancellation, pool(1));

    assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).as("all three calls started").isTrue();
    cancellation.cancel();
    assertThat(interrupted.await(WAIT_S, TimeUnit.SECONDS)).as("all three interrupted").isTrue();
    RunResult r = run.get(WAIT_S, TimeUnit.SECONDS);
    assertThat(r.stopReason()).isEqualTo(new StopReason.Cancelled());
    assertThat(model.requests).hasSize(1); // no model call after the cancellation
  }

  @Test
  void aSampleOnABoundedExecutorRunsItsTurnWithoutWaitingForAFreeThread() {
    // two samples occupy both threads of the pool; each one's turn of two calls still completes,
    // because the sample's own thread runs the calls no other thread has taken
    Lookup lookup = new Lookup();
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            boolean first =
                request.messages().stream().noneMatch(ToolExecutionResultMessage.class::isInstance);
            AiMessage reply =
                first && request.toolSpecifications() != null
                    ? turn(call("lookup", "a"), call("lookup", "b"))
                    : AiMessage.from("<answer>Paris</answer>");
            return ChatResponse.builder()
                .aiMessage(reply)
                .tokenUsage(new TokenUsage(10, 5))
                .build();
          }
        };
    Agent agent =
        Agent.builder()
            .model("m", model)
            .prices(PRICES)
            .toolsFrom(lookup)
            .executor(pool(2))
            .strategy(ParallelMajority.of(2))
            .budget(Budget.builder().toolUnits("lookup", 10).build())
            .build();
    RunResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> agent.run("q?"));
    assertThat(r.answer()).contains("Paris");
    assertThat(lookup.calls).hasValue(4);
  }

  @Test
  void loopsRunningAtOnceNeverBeginMoreStepsThanTheLimit() {
    int threads = 8;
    int limit = 37;
    AtomicInteger begun = new AtomicInteger();
    Strategy racing =
        new Strategy() {
          @Override
          public String name() {
            return "racing";
          }

          @Override
          public Outcome run(dev.frugal.core.engine.RunContext ctx) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              all.add(
                  CompletableFuture.runAsync(
                      () -> {
                        try {
                          start.await(WAIT_S, TimeUnit.SECONDS);
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                        for (int i = 0; i < 20; i++) {
                          if (ctx.tryNextStep() > 0) begun.incrementAndGet();
                        }
                      },
                      ctx.executor().orElseThrow()));
            }
            all.forEach(CompletableFuture::join);
            return Outcome.answered("done");
          }
        };
    RunResult r =
        Agent.builder()
            .model("m", new TurnModel(AiMessage.from("unused")))
            .prices(PRICES)
            .executor(pool(threads))
            .maxSteps(limit)
            .strategy(racing)
            .budget(Budget.builder().modelCalls("m", 1).build())
            .build()
            .run("q?");
    assertThat(begun).hasValue(limit); // 8 x 20 tries, exactly the limit granted
    assertThat(r.steps()).isEqualTo(limit);
  }

  // ---- BATS and BAVT

  @Test
  void aBatsAttemptRunsItsTurnsCallsOnTheExecutor() {
    Gate gate = new Gate(3);
    TurnModel model = threeCallTurn();
    ThreadsSeen threads = new ThreadsSeen();
    Bats bats = Bats.builder().planning(false).verification(false).build();
    RunResult r = agent(model, gate, bats, threads).run("q?");

    assertThat(r.answer()).contains("done");
    assertThat(resultsSent(model)).containsExactlyElementsOf(THREE_RESULTS);
    threads.assertRanOnThePool(Set.of("alpha", "beta", "gamma"));
  }

  @Test
  void aBavtExpansionRunsItsCallsOnTheExecutor() {
    Gate gate = new Gate(3);
    TurnModel model = threeCallTurn();
    ThreadsSeen threads = new ThreadsSeen();
    RunResult r = agent(model, gate, Bavt.builder().build(), threads).run("q?");

    assertThat(r.answer()).contains("done");
    // the critic saw the expansion's results in the model's order
    ChatRequest critique =
        model.requests.stream().filter(TurnModel::isCritique).findFirst().orElseThrow();
    assertThat(results(critique)).containsExactlyElementsOf(THREE_RESULTS);
    threads.assertRanOnThePool(Set.of("alpha", "beta", "gamma"));
  }

  // ---- fixtures

  private Agent agent(TurnModel model, Object tools, Strategy strategy, ThreadsSeen threads) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(tools)
        .listener(threads)
        .budgetTracker(false)
        .executor(pool(4))
        .strategy(strategy)
        .budget(units(5, "alpha", "beta", "gamma"))
        .toolTimeout(Duration.ofMinutes(1)) // longer than the gate's wait: a lone call says so
        .build();
  }

  private static Budget units(long n, String... tools) {
    Budget.Builder b = Budget.builder();
    for (String t : tools) b.toolUnits(t, n);
    return b.build();
  }

  static ToolExecutionRequest call(String tool, String word) {
    return ToolExecutionRequest.builder()
        .name(tool)
        .arguments("{\"word\": \"" + word + "\"}")
        .build();
  }

  /** One model turn calling {@code calls}, with ids c1, c2, ... in the model's order. */
  static AiMessage turn(ToolExecutionRequest... calls) {
    List<ToolExecutionRequest> withIds = new ArrayList<>();
    for (int i = 0; i < calls.length; i++) {
      withIds.add(
          ToolExecutionRequest.builder()
              .id("c" + (i + 1))
              .name(calls[i].name())
              .arguments(calls[i].arguments())
              .build());
    }
    return AiMessage.from(withIds);
  }

  /** The tool results in the first request that carries any, as "id tool: text". */
  static List<String> resultsSent(TurnModel model) {
    for (ChatRequest r : model.requests) {
      List<String> out = results(r);
      if (!out.isEmpty()) return out;
    }
    throw new AssertionError("no request carried tool results");
  }

  static List<String> results(ChatRequest r) {
    return r.messages().stream()
        .filter(ToolExecutionResultMessage.class::isInstance)
        .map(ToolExecutionResultMessage.class::cast)
        .map(t -> t.id() + " " + t.toolName() + ": " + t.text())
        .toList();
  }

  /**
   * A model whose first tool-offering request gets {@code turn}, a BAVT critique a score of 0.5,
   * and every other request the answer "done".
   */
  static final class TurnModel implements ChatModel {
    final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AiMessage turn;
    private boolean turnGiven;

    TurnModel(AiMessage turn) {
      this.turn = turn;
    }

    static boolean isCritique(ChatRequest r) {
      return r.responseFormat() != null
          && r.responseFormat().jsonSchema() != null
          && r.responseFormat().jsonSchema().name().contains("critique");
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      AiMessage reply;
      if (isCritique(request)) {
        reply = AiMessage.from("{\"score\": 0.5}");
      } else if (!turnGiven
          && request.toolSpecifications() != null
          && !request.toolSpecifications().isEmpty()) {
        turnGiven = true;
        reply = turn;
      } else {
        reply = AiMessage.from("<answer>done</answer>");
      }
      return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(10, 5)).build();
    }
  }

  /** Which thread reported each tool call (the thread that ran {@code callTool}). */
  static final class ThreadsSeen implements dev.frugal.core.trace.RunListener {
    final Map<String, String> byTool = new ConcurrentHashMap<>();

    @Override
    public void onEvent(RunEvent event) {
      if (event instanceof RunEvent.ToolCalled t) {
        byTool.put(t.tool(), Thread.currentThread().getName());
      }
    }

    /**
     * Every tool ran on its own thread: the run's thread runs the first call itself, the executor
     * the others (they were all in flight together, so none could wait for another).
     */
    void assertRanOnThePool(Set<String> tools) {
      assertThat(byTool.keySet()).isEqualTo(tools);
      assertThat(Set.copyOf(byTool.values())).hasSize(tools.size());
      assertThat(byTool.values().stream().filter(n -> n.startsWith(POOL)).count())
          .as("calls reported from the executor's threads: %s", byTool)
          .isGreaterThanOrEqualTo(tools.size() - 1L);
    }
  }

  /**
   * Three tools that each wait until {@code n} calls have arrived (so they can only all finish if
   * they run at the same time), then end in the order gamma, beta, alpha.
   */
  public static final class Gate {
    private final CountDownLatch arrived;
    private final CountDownLatch gammaDone = new CountDownLatch(1);
    private final CountDownLatch betaDone = new CountDownLatch(1);
    private final List<String> ends = Collections.synchronizedList(new ArrayList<>());
    volatile String failing;

    Gate(int n) {
      this.arrived = new CountDownLatch(n);
    }

    List<String> ends() {
      return List.copyOf(ends);
    }

    @Tool("Probe alpha")
    public String alpha(String word) {
      return probe("alpha", word, betaDone, null);
    }

    @Tool("Probe beta")
    public String beta(String word) {
      return probe("beta", word, gammaDone, betaDone);
    }

    @Tool("Probe gamma")
    public String gamma(String word) {
      return probe("gamma", word, null, gammaDone);
    }

    private String probe(String name, String word, CountDownLatch after, CountDownLatch mark) {
      arrived.countDown();
      try {
        if (!arrived.await(WAIT_S, TimeUnit.SECONDS)) {
          return name + " ran alone: the other calls did not run at the same time";
        }
        if (after != null && !after.await(WAIT_S, TimeUnit.SECONDS)) {
          return name + " waited in vain for the next tool to end";
        }
        if (name.equals(failing)) throw new IllegalStateException(name + " broke");
        return name + " ran together with the others on " + word;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return name + " was interrupted";
      } finally {
        ends.add(name);
        if (mark != null) mark.countDown();
      }
    }
  }

  /** Three tools that log when they start and end. */
  public static final class Recorder {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Tool("Record alpha")
    public String alpha(String word) {
      return record("alpha");
    }

    @Tool("Record beta")
    public String beta(String word) {
      return record("beta");
    }

    @Tool("Record gamma")
    public String gamma(String word) {
      return record("gamma");
    }

    private String record(String name) {
      log.add("start " + name);
      log.add("end " + name);
      return name + " ok";
    }
  }

  /** Three tools that block until interrupted, counting their starts and interrupts. */
  public static final class Blocker {
    private final CountDownLatch started;
    private final CountDownLatch interrupted;

    Blocker(CountDownLatch started, CountDownLatch interrupted) {
      this.started = started;
      this.interrupted = interrupted;
    }

    @Tool("Block alpha")
    public String alpha(String word) {
      return block();
    }

    @Tool("Block beta")
    public String beta(String word) {
      return block();
    }

    @Tool("Block gamma")
    public String gamma(String word) {
      return block();
    }

    private String block() {
      started.countDown();
      try {
        new CountDownLatch(1).await(2, TimeUnit.MINUTES);
        return "never interrupted";
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw new IllegalStateException("interrupted");
      }
    }
  }
}
