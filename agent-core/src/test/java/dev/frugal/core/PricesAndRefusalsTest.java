package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.PriceCatalog;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Refusal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A price for a name the agent does not have fails at build, the bundled price catalog is used only
 * when asked for, and a refused first call says what it would have cost and why.
 */
class PricesAndRefusalsTest {

  @Test
  void aMisspelledToolPriceFailsAtBuildListingTheAgentsTools() {
    AgentBuilder b =
        Agent.builder()
            .model("m", new ScriptedChatModel())
            .prices(
                PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).tool("captial", 0).build())
            .toolsFrom(new AgentConfigurationTest.Arithmetic())
            .budget(Budget.unlimited());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the price table prices tool 'captial' but the agent has no tool of that name, and its"
                + " tools add, multiply have no declared price (they would cost the default"
                + " $0.001 per unit); its tools are add, multiply");
  }

  @Test
  void aTableSharedByAgentsMayPriceToolsOneAgentLacksWhenEveryToolOfItIsPricedByName() {
    PriceTable shared =
        PriceTable.builder()
            .model("m", ModelPrice.of(1.0, 4.0))
            .tool("lookup", 0.002)
            .tool("search", 0.001)
            .build();
    RunResult r =
        Agent.builder()
            .model(
                "m",
                new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("x"))
            .prices(shared)
            .toolsFrom(new Lookup())
            .budget(Budget.unlimited())
            .build()
            .run("q?");
    assertThat(r.toolPrices().get("lookup").declared()).isTrue();
    assertThat(r.usdByTool()).containsEntry("lookup", 0.002);
  }

  @Test
  void aPriceForAModelTheAgentDoesNotHaveFailsAtBuildListingItsModels() {
    AgentBuilder b =
        Agent.builder()
            .model("gpt-4o-mini", new ScriptedChatModel())
            .prices(
                PriceTable.builder()
                    .model("gpt-4o-mnii", ModelPrice.of(0.15, 0.60))
                    .defaultModel(ModelPrice.of(0.01, 0.01))
                    .build())
            .budget(Budget.unlimited());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the price table prices model 'gpt-4o-mnii' but the agent has no model of that name,"
                + " and gpt-4o-mini would be charged the default model price; its models are"
                + " gpt-4o-mini");
  }

  @Test
  void theBundledCatalogIsDatedSourcedAndCoversTheFourProviders() {
    PriceCatalog catalog = PriceTable.catalog();
    assertThat(catalog.entries()).hasSizeBetween(30, 60);
    assertThat(catalog.entries())
        .allSatisfy(
            e -> {
              assertThat(e.source()).startsWith("https://");
              assertThat(e.date()).isAfter(LocalDate.of(2024, 1, 1));
              assertThat(e.price().outputPerMillion()).isPositive();
              assertThat(e.price().cachedInputPerMillion())
                  .isLessThanOrEqualTo(e.price().inputPerMillion());
            });
    assertThat(catalog.entries().stream().map(PriceCatalog.Entry::provider).distinct())
        .containsExactlyInAnyOrder("openai", "anthropic", "google", "mistral");
    assertThat(catalog.get("gpt-4o-mini").price()).isEqualTo(new ModelPrice(0.15, 0.075, 0.60));
  }

  @Test
  void theCatalogPricesOnlyTheModelsNamedAndALaterPriceOverridesIt() {
    assertThat(PriceTable.builder().build().prices("gpt-4o-mini")).isFalse(); // never silent
    PriceTable t =
        PriceTable.builder()
            .fromCatalog("gpt-4o-mini", "claude-haiku-4-5")
            .model("claude-haiku-4-5", ModelPrice.of(2, 8))
            .build();
    assertThat(t.models()).containsOnlyKeys("gpt-4o-mini", "claude-haiku-4-5");
    assertThat(t.model("gpt-4o-mini").cachedInputPerMillion()).isEqualTo(0.075);
    assertThat(t.model("claude-haiku-4-5")).isEqualTo(ModelPrice.of(2, 8));
    assertThatThrownBy(() -> PriceTable.builder().fromCatalog("gpt-4o-mnii"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the price catalog has no row for model 'gpt-4o-mnii'; it lists ")
        .hasMessageContaining("gpt-4o-mini");
  }

  @Test
  void aTinyCapThatRefusesTheFirstCallSaysWhatTheCallWouldHaveCostAndWhy() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("Paris");
    RunResult r =
        Agent.builder()
            .model("gpt-4o-mini", model)
            .prices(PriceTable.builder().fromCatalog("gpt-4o-mini").build())
            .budget(Budget.builder().usd(0.00005).build())
            .build()
            .run("What is the capital of France?");

    assertThat(model.requests).isEmpty(); // nothing was sent, nothing spent
    assertThat(r.usd()).isZero();
    assertThat(r.stopReason()).isInstanceOf(StopReason.BudgetExhausted.class);
    assertThat(((StopReason.BudgetExhausted) r.stopReason()).cap()).isEqualTo(new Cap.Usd());
    Refusal refusal = r.refusal().orElseThrow();
    assertThat(refusal.cap()).isEqualTo(new Cap.Usd());
    assertThat(refusal.what()).isEqualTo("model gpt-4o-mini");
    assertThat(refusal.outputTokens()).isEqualTo(1024); // the default maxOutputTokens, reserved
    assertThat(refusal.inputTokens()).isPositive();
    // the working budget: the cap less its 10% final-answer reserve
    assertThat(refusal.remaining()).isEqualTo(Money.picos(0.000045));
    assertThat(refusal.limit()).isEqualTo(Money.picos(0.000045));
    assertThat(refusal.wanted())
        .isEqualTo(ModelPrice.of(0.15, 0.60).picos(refusal.inputTokens(), 0, 1024));
    assertThat(refusal.wanted()).isGreaterThan(refusal.remaining());
    assertThat(r.stopReason().describe())
        .startsWith(
            "budget exhausted: USD (the call to model gpt-4o-mini may cost $0.0006"
                + String.format(
                    java.util.Locale.ROOT,
                    "%s but only $0.000045 of $0.000045 (USD) remains: about %d input tokens"
                        + " (estimated) plus a reservation of 1,024 output tokens"
                        + " (maxOutputTokens)",
                    Money.format(refusal.wanted()).substring("0.0006".length()),
                    refusal.inputTokens()));
  }

  @Test
  void aCapThatIsSpentRatherThanRefusedCarriesNoRefusal() {
    RunResult r =
        Agent.builder()
            .model(
                "m",
                new ScriptedChatModel().thenTool("lookup", "{\"word\": \"a\"}").thenAnswer("x"))
            .prices(PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build())
            .toolsFrom(new Lookup())
            .budget(Budget.builder().toolUnits("lookup", 1).build())
            .build()
            .run("q?");
    assertThat(r.stopReason())
        .isEqualTo(new StopReason.BudgetExhausted(new Cap.ToolUnits("lookup")));
    assertThat(r.refusal()).isEmpty();
  }
}
