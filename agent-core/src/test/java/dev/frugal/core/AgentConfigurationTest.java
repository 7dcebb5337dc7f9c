package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.budget.ToolPrice;
import dev.frugal.core.tool.ToolRegistry;
import org.junit.jupiter.api.Test;

/** Misconfigurations fail at build time with a message naming what would be valid. */
class AgentConfigurationTest {
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build();

  /** Two {@code @Tool} methods, as a user would write them. */
  public static final class Arithmetic {
    @dev.langchain4j.agent.tool.Tool("Adds two numbers")
    public double add(double a, double b) {
      return a + b;
    }

    @dev.langchain4j.agent.tool.Tool("Multiplies two numbers")
    public double multiply(double a, double b) {
      return a * b;
    }
  }

  /** Another class whose tool clashes with {@link Arithmetic#add}. */
  public static final class MoreArithmetic {
    @dev.langchain4j.agent.tool.Tool("Adds two integers")
    public long add(long a, long b) {
      return a + b;
    }
  }

  @Test
  void aToolCapWithATypoFailsAtBuildNamingTheKnownTools() {
    AgentBuilder b =
        Agent.builder()
            .model("m", new ScriptedChatModel())
            .prices(PRICES)
            .toolsFrom(new Arithmetic())
            .budget(Budget.builder().toolUnits("addd", 2).build());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the budget caps tool units of 'addd' but the agent has no tool of that name;"
                + " its tools are add, multiply");
  }

  @Test
  void aModelCallCapForAnUnknownModelFailsAtBuildNamingTheModels() {
    AgentBuilder b =
        Agent.builder()
            .model("m", new ScriptedChatModel())
            .prices(PRICES)
            .budget(Budget.builder().modelCalls("gpt-large", 2).build());
    assertThatThrownBy(b::build)
        .hasMessage(
            "the budget caps calls to model 'gpt-large' but the agent has no model of that name;"
                + " its models are m");
  }

  @Test
  void anAgentWithoutABudgetIsRefusedAndTheMessageOffersTheUnlimitedChoice() {
    AgentBuilder b = Agent.builder().model("m", new ScriptedChatModel()).prices(PRICES);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no budget: call budget(")
        .hasMessageContaining("budget(Budget.unlimited())");
  }

  @Test
  void anExplicitlyUnlimitedBudgetBuilds() {
    Agent a =
        Agent.builder()
            .model("m", new ScriptedChatModel())
            .prices(PRICES)
            .budget(Budget.unlimited())
            .build();
    assertThat(a.budget().isUnlimited()).isTrue();
  }

  @Test
  void aDuplicateToolNamesTheUsersClassesAndMethods() {
    assertThatThrownBy(
            () ->
                ToolRegistry.builder()
                    .annotated(new Arithmetic())
                    .annotated(new MoreArithmetic())
                    .build())
        .hasMessage(
            "two tools are named 'add': "
                + Arithmetic.class.getName()
                + "#add(double, double) and "
                + MoreArithmetic.class.getName()
                + "#add(long, long); tool names must be unique");
  }

  @Test
  void aRefusalUnderATinyDollarCapPrintsEveryDigit() {
    PriceTable prices = PriceTable.builder().tool("add", 0.0000003).build();
    Ledger ledger = Ledger.open(Budget.builder().usd(0.0000005).build());
    ledger.reserve(Spend.tool("add", 1, prices)).settle(Spend.tool("add", 1, prices));
    assertThatThrownBy(() -> ledger.reserve(Spend.tool("add", 1, prices)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessage(
            "budget refused: the call may cost $0.0000003 but only $0.0000002 of $0.0000005 (USD)"
                + " remains");
    assertThat(Budget.builder().usd(0.0000005).build().toString())
        .isEqualTo("Budget{USD=$0.0000005}");
  }

  @Test
  void theResultShowsTheDeclaredAndTheDefaultToolPrices() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .thenTool("add", "{\"a\": 1, \"b\": 2}")
            .thenTool("multiply", "{\"a\": 3, \"b\": 4}")
            .thenAnswer("12");
    PriceTable prices =
        PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).tool("add", 0).build();
    RunResult r =
        Agent.builder()
            .model("m", model)
            .prices(prices)
            .toolsFrom(new Arithmetic())
            .budget(Budget.unlimited())
            .budgetTracker(false)
            .build()
            .run("What is (1 + 2) times 4?");

    assertThat(r.toolPrices())
        .containsEntry("add", new ToolPrice(0, true))
        .containsEntry("multiply", new ToolPrice(PriceTable.DEFAULT_TOOL_UNIT_USD, false));
    assertThat(r.toolUnits()).containsEntry("add", 1L).containsEntry("multiply", 1L);
    assertThat(r.usdByTool().getOrDefault("add", 0.0)).isZero();
    assertThat(r.usdByTool()).containsEntry("multiply", 0.001);
    assertThat(r.costBreakdown())
        .contains("\n  tool  add  $0.00  (1 unit at $0.00/unit)")
        .contains("\n  tool  multiply  $0.001  (1 unit at $0.001/unit (default price))")
        .contains(" (3 calls)")
        .contains("\n  model m  $")
        .startsWith("total $");
    assertThat(prices.toolPrices()).containsOnlyKeys("add");
    assertThat(prices.defaultToolUnitUsd()).isEqualTo(0.001);
  }
}
