package dev.frugal.budget.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.SharedBudgets;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.budget.Window;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisBudgetStoreTest {
  static final PriceTable PRICES =
      PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).tool("search", 0.001).build();
  static final Cap SEARCH = new Cap.ToolUnits("search");

  private RedisBudgetStore store;
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path journalDir;

  private RedisBudgetStore store(String test, Duration lease) {
    store =
        RedisBudgetStore.builder()
            .url(TestRedis.url())
            .prefix(TestRedis.prefix(test))
            .leaseTtl(lease)
            .journal(journalDir)
            .build();
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  static Spend search(long units) {
    return Spend.tool("search", units, PRICES);
  }

  static BudgetScope tenant(Budget caps) {
    return BudgetScope.parse("tenant:acme/day", caps);
  }

  @Test
  void reservesSettlesAndReleasesAgainstTheScopeAndRefusesNamingIt() {
    RedisBudgetStore s = store("basic", Duration.ofMinutes(1));
    BudgetScope scope = tenant(Budget.builder().toolUnits("search", 5).usd(0.004).build());
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(s, scope));
    Reservation a = ledger.reserve(search(3));
    assertThat(s.view(scope).books().reserved().amount(SEARCH)).isEqualTo(3);
    assertThatThrownBy(() -> ledger.reserve(search(2)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessage(
            "shared budget tenant:acme/day ("
                + Window.DAY.label(Instant.now())
                + ") refused: the call may cost $0.002000 but only $0.001000 of $0.004000 (USD)"
                + " remains")
        .extracting(e -> ((BudgetExceededException) e).cap())
        .isEqualTo(new Cap.Usd());
    assertThat(ledger.snapshot().reserved().amount(SEARCH)).isEqualTo(3);
    a.settle(search(2));
    Reservation b = ledger.reserve(search(1));
    b.release();
    var books = s.view(scope).books();
    assertThat(books.used().amount(SEARCH)).isEqualTo(2);
    assertThat(books.used().toolPicos()).isEqualTo(Map.of("search", 2_000_000_000L));
    assertThat(books.reserved().amount(SEARCH)).isZero();
    assertThat(books.remaining(SEARCH)).hasValue(3);
  }

  @Test
  void aReservationIsHeldAgainstEveryScopeOrNone() {
    RedisBudgetStore s = store("atomic", Duration.ofMinutes(1));
    BudgetScope roomy = BudgetScope.parse("team:core/month", Budget.unlimited());
    BudgetScope tight =
        BudgetScope.parse("user:42/none", Budget.builder().modelCalls("m", 1).build());
    Spend call = Spend.modelCall("m", 100, 0, 50, PRICES);
    BudgetStore.Hold first = s.reserve(List.of(roomy, tight), call);
    assertThatThrownBy(() -> s.reserve(List.of(roomy, tight), call))
        .hasMessageContaining("shared budget user:42/none (all) refused: 1 of calls to model 'm'");
    assertThat(s.view(roomy).books().reserved().inputTokens()).isEqualTo(100);
    assertThat(s.view(roomy).window()).isEqualTo(Window.MONTH.label(Instant.now()));
    first.settle(Spend.modelCall("m", 90, 10, 40, PRICES));
    var books = s.view(roomy).books();
    assertThat(books.used().inputTokens()).isEqualTo(90);
    assertThat(books.used().cachedInputTokens()).isEqualTo(10);
    assertThat(books.used().outputTokens()).isEqualTo(40);
    assertThat(books.used().modelCalls()).isEqualTo(Map.of("m", 1L));
    assertThat(books.reserved().inputTokens()).isZero();
  }

  @Test
  void settlesCountOnceByReservationId() {
    RedisBudgetStore s = store("idempotent", Duration.ofMinutes(1));
    BudgetScope scope = tenant(Budget.unlimited());
    BudgetStore.Hold h = s.reserve(List.of(scope), search(4));
    h.settle(search(3));
    h.settle(search(3));
    assertThat(s.view(scope).books().used().amount(SEARCH)).isEqualTo(3);
    assertThat(s.view(scope).books().reserved().amount(SEARCH)).isZero();
  }

  @Test
  void anExpiredLeaseChargesItsHoldAndALateSettleReplacesTheChargeOnce() throws Exception {
    RedisBudgetStore s = store("lease", Duration.ofMillis(300));
    BudgetScope scope = tenant(Budget.builder().toolUnits("search", 4).build());
    BudgetStore.Hold crashed = s.reserve(List.of(scope), search(4));
    assertThatThrownBy(() -> s.reserve(List.of(scope), search(1)))
        .isInstanceOf(BudgetExceededException.class);
    Thread.sleep(600);
    assertThat(s.view(scope).books().reserved().amount(SEARCH)).isZero();
    assertThat(s.view(scope).books().used().amount(SEARCH)).isEqualTo(4); // charged, not free
    crashed.settle(search(2));
    crashed.settle(search(2));
    assertThat(s.view(scope).books().used().amount(SEARCH)).isEqualTo(2);
    assertThat(s.view(scope).books().reserved().amount(SEARCH)).isZero();
  }

  @Test
  void aReleaseAfterTheLeaseExpiredTakesTheChargeBack() throws Exception {
    RedisBudgetStore s = store("lease-release", Duration.ofMillis(300));
    BudgetScope scope = tenant(Budget.builder().toolUnits("search", 4).build());
    BudgetStore.Hold failed = s.reserve(List.of(scope), search(3));
    Thread.sleep(600);
    assertThat(s.view(scope).books().used().amount(SEARCH)).isEqualTo(3);
    failed.release(); // the call failed unbilled after all
    assertThat(s.view(scope).books().used().amount(SEARCH)).isZero();
    assertThat(s.view(scope).books().remaining(SEARCH)).hasValue(4);
  }

  /** A test tool: one unit per call, free. */
  public static final class Lookup {
    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    public String lookup(String word) {
      return "about " + word;
    }
  }

  @Test
  void aScopeAProviderBilledBeyondItsReservationStopsTheRunAsOvershotNamingTheScope() {
    RedisBudgetStore s = store("overshoot", Duration.ofMinutes(1));
    BudgetScope scope = tenant(Budget.builder().usd(1).build());
    ChatModel overbilling =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            // asks for a lookup and bills 14.85M input tokens ($14.85): far past its reservation
            return ChatResponse.builder()
                .aiMessage(
                    dev.langchain4j.data.message.AiMessage.from(
                        dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                            .id("c1")
                            .name("lookup")
                            .arguments("{\"word\": \"w\"}")
                            .build()))
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(14_850_000, 1))
                .build();
          }
        };
    Agent agent =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", overbilling)
            .prices(
                PriceTable.builder()
                    .model("m", ModelPrice.of(1.0, 2.0))
                    .tool("lookup", 0.001)
                    .build())
            .toolsFrom(new Lookup())
            .budgetTracker(false)
            .sharedBudgets(SharedBudgets.of(s, scope))
            .build();
    RunResult r = agent.run("What is the capital of France?");
    assertThat(r.stopReason()).isInstanceOf(StopReason.Overshot.class);
    assertThat(r.stopReason().describe())
        .startsWith("budget overshot: shared budget tenant:acme/day: a provider billed beyond")
        .contains("USD went over its limit");
    assertThat(s.view(scope).books().used().usd()).isGreaterThan(14.85);
  }

  @Test
  void aScopesCapsAreItsOwnARunMayOnlyLowerThem() {
    RedisBudgetStore s = store("caps", Duration.ofMinutes(1));
    BudgetScope tight = tenant(Budget.builder().toolUnits("search", 2).build());
    BudgetScope raised = tenant(Budget.builder().toolUnits("search", 500).build());
    BudgetScope extra = tenant(Budget.builder().toolUnits("search", 2).usd(5).build());
    BudgetScope unnamed = tenant(Budget.unlimited());
    assertThatThrownBy(() -> s.reserve(List.of(tight), search(3)))
        .isInstanceOf(BudgetExceededException.class);
    // the first run's caps were stored: a later run cannot raise them, nor add one
    assertThatThrownBy(() -> s.reserve(List.of(raised), search(3)))
        .isInstanceOf(dev.frugal.core.budget.BudgetScopeCapsException.class)
        .isInstanceOf(BudgetStoreUnavailableException.class)
        .hasMessageContaining("shared budget tenant:acme/day in redis://")
        .hasMessageContaining(
            "has the caps tool.search=2; this run's --scope raises tool.search=500")
        .hasMessageContaining("frugal budget set tenant:acme/day,CAP=LIMIT");
    assertThatThrownBy(() -> s.reserve(List.of(extra), search(1)))
        .hasMessageContaining("adds usd=5.000000");
    assertThatThrownBy(() -> s.reserve(List.of(unnamed), search(3)))
        .isInstanceOf(BudgetExceededException.class); // no caps named: the stored ones hold
    assertThat(s.view(unnamed).books().budget().caps()).containsEntry(SEARCH, 2L);
    // the operator raises them; a run may lower them for itself only
    s.setCaps(raised);
    s.reserve(List.of(unnamed), search(3)).settle(search(3));
    assertThatThrownBy(() -> s.reserve(List.of(tight), search(1)))
        .isInstanceOf(BudgetExceededException.class); // 3 used of its own 2
    s.reserve(List.of(unnamed), search(1)).release();
    assertThat(s.view(unnamed).books().budget().caps()).containsEntry(SEARCH, 500L);
  }

  @Test
  void amountsStayExactBeyondWhatADoubleHolds() {
    RedisBudgetStore s = store("exact", Duration.ofMinutes(1));
    long twoTo53 = 1L << 53; // a double cannot tell 2^53 + 1 from 2^53
    BudgetScope scope = tenant(Budget.builder().toolUnits("t", twoTo53).build());
    Spend big = new Spend(0, 0, 0, Map.of("t", twoTo53), Map.of(), Map.of(), Map.of());
    Spend one = new Spend(0, 0, 0, Map.of("t", 1L), Map.of(), Map.of(), Map.of());
    s.reserve(List.of(scope), big).settle(big);
    assertThatThrownBy(() -> s.reserve(List.of(scope), one))
        .hasMessageContaining("1 of tool units of 't' requested but only 0 of 9007199254740992");
    assertThat(s.view(scope).books().used().amount(new Cap.ToolUnits("t"))).isEqualTo(twoTo53);
  }

  @Test
  void resetZeroesWhatWasUsedAndRecordReachesTheBooks() {
    RedisBudgetStore s = store("reset", Duration.ofMinutes(1));
    BudgetScope scope = tenant(Budget.builder().toolUnits("search", 10).build());
    Ledger ledger = Ledger.open(Budget.unlimited(), SharedBudgets.of(s, scope));
    ledger.record(search(6));
    Reservation inFlight = ledger.reserve(search(3));
    assertThat(s.view(scope).books().remaining(SEARCH)).hasValue(1);
    s.reset(scope);
    assertThat(s.view(scope).books().used().amount(SEARCH)).isZero();
    assertThat(s.view(scope).books().remaining(SEARCH)).hasValue(7);
    inFlight.settle(search(3));
    assertThat(s.view(scope).books().remaining(SEARCH)).hasValue(7);
    ledger.reserve(search(7)); // exactly what is left is granted
  }

  @Test
  void anUnreachableRedisFailsClosedAndTheRunSaysWhy() {
    int nobody = TestRedis.freePort();
    store =
        RedisBudgetStore.builder()
            .url("redis://127.0.0.1:" + nobody)
            .timeout(Duration.ofMillis(300))
            .build();
    BudgetScope scope = tenant(Budget.builder().usd(1).build());
    assertThatThrownBy(() -> store.reserve(List.of(scope), search(1)))
        .isInstanceOf(BudgetStoreUnavailableException.class)
        .hasMessageStartingWith("budget store redis://127.0.0.1:" + nobody + " is unreachable");
    AtomicInteger calls = new AtomicInteger();
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            throw new AssertionError("a model call was made although the budget store is down");
          }
        };
    Agent agent =
        Agent.builder()
            .budget(Budget.unlimited())
            .model("m", model)
            .prices(PRICES)
            .sharedBudgets(SharedBudgets.of(store, scope))
            .build();
    RunResult r = agent.run("What is the capital of France?");
    assertThat(r.stopReason()).isInstanceOf(StopReason.BudgetStoreUnavailable.class);
    assertThat(r.stopReason().describe())
        .startsWith("budget store unavailable: budget store redis://");
    assertThat(calls).hasValue(0);
    assertThat(r.usd()).isZero();
  }

  @Test
  void failingOpenLetsTheRunGoOnAndKeepsItsSpendingForLater() {
    store =
        RedisBudgetStore.builder()
            .url("redis://127.0.0.1:" + TestRedis.freePort())
            .timeout(Duration.ofMillis(300))
            .failOpen(true)
            .journal(journalDir)
            .build();
    BudgetScope scope = tenant(Budget.builder().usd(1).build());
    BudgetStore.Hold h = store.reserve(List.of(scope), search(1));
    h.settle(search(1));
    assertThat(store.undelivered()).isEqualTo(1);
  }

  @Test
  void badUrlsAndSettingsSayWhatIsValid() {
    assertThatThrownBy(() -> RedisBudgetStore.builder().url("http://localhost:6379"))
        .hasMessage(
            "budget store URL must look like redis://host:port or redis://:password@host:port/db"
                + " (e.g. redis://127.0.0.1:6379), got 'http://localhost:6379'");
    assertThatThrownBy(() -> RedisBudgetStore.builder().url("redis://localhost"))
        .hasMessageContaining("got 'redis://localhost'");
    assertThatThrownBy(() -> RedisBudgetStore.builder().url("redis://u:hunter22@localhost/x"))
        .hasMessageContaining("got 'redis://***@localhost/x'")
        .message()
        .doesNotContain("hunter22");
    assertThat(
            RedisBudgetStore.builder()
                .url("redis://user:hunter22@127.0.0.1:6379/2")
                .journal(journalDir)
                .build()
                .describe())
        .isEqualTo("redis://***@127.0.0.1:6379/2");
    assertThatThrownBy(() -> RedisBudgetStore.builder().leaseTtl(Duration.ofMillis(5)))
        .hasMessageContaining("leaseTtl must be at least 100 ms");
    assertThatThrownBy(() -> RedisBudgetStore.builder().prefix("a b"))
        .hasMessageContaining("prefix must be 1-64 letters");
  }
}
