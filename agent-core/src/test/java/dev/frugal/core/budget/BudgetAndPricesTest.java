package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BudgetAndPricesTest {

  @Test
  void invalidCapsFailAtBuildTimeNamingTheSetting() {
    assertThatThrownBy(() -> Budget.builder().toolUnits("search", -1))
        .hasMessage("toolUnits(search) must be >= 0, got -1");
    assertThatThrownBy(() -> Budget.builder().usd(Double.NaN))
        .hasMessage("usd must be a finite, non-negative number of dollars, got NaN");
    assertThatThrownBy(() -> Budget.builder().usd(-0.5)).hasMessageContaining("usd must be");
    assertThatThrownBy(() -> Budget.builder().totalTokens(-3))
        .hasMessage("totalTokens must be >= 0, got -3");
    assertThatThrownBy(() -> Budget.builder().modelCalls(" ", 3))
        .hasMessageContaining("modelCalls needs a non-blank name");
  }

  @Test
  void absentCapsAreUnlimitedAndCapsListInAStableOrder() {
    Budget b =
        Budget.builder()
            .usd(0.5)
            .toolUnits("open", 3)
            .toolUnits("search", 10)
            .modelCalls("big", 2)
            .build();
    assertThat(b.inputTokens()).isEmpty();
    assertThat(b.caps().keySet())
        .containsExactly(
            new Cap.ToolUnits("open"),
            new Cap.ToolUnits("search"),
            new Cap.Usd(),
            new Cap.ModelCalls("big"));
    assertThat(b.usdPicos()).hasValue(500_000_000_000L);
    assertThat(Budget.unlimited().isUnlimited()).isTrue();
  }

  @Test
  void priceTableLoadsFromJsonAndPricesCachedInputSeparately() {
    String json =
        """
        {"models": {"gpt-4o-mini": {"input": 0.15, "cachedInput": 0.075, "output": 0.60}},
         "tools": {"search": 0.002}}""";
    PriceTable p =
        PriceTable.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(p.model("gpt-4o-mini").picos(1000, 400, 100))
        .isEqualTo(600 * 150_000L + 400 * 75_000L + 100 * 600_000L);
    assertThat(p.toolUnitUsd("search")).isEqualTo(0.002);
    assertThat(p.toolUnitUsd("open")).isEqualTo(0.001);
  }

  @Test
  void unknownModelIsAClearErrorUnlessADefaultIsConfigured() {
    PriceTable p =
        PriceTable.builder().model("a", ModelPrice.of(1, 2)).model("b", ModelPrice.free()).build();
    assertThatThrownBy(() -> p.model("c"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessage(
            "no price for model 'c'; priced models: [a, b]. Add it to the price table, or set a default"
                + " model price to price unknown models");
    PriceTable withDefault = PriceTable.builder().defaultModel(ModelPrice.of(5, 5)).build();
    assertThat(withDefault.model("anything").inputPerMillion()).isEqualTo(5);
  }

  @Test
  void malformedPriceJsonNamesTheField() {
    String json = "{\"models\": {\"m\": {\"input\": \"cheap\", \"output\": 1}}}";
    assertThatThrownBy(
            () ->
                PriceTable.fromJson(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessage("models.m.input must be a number, got \"cheap\"");
    assertThatThrownBy(() -> new ModelPrice(-1, 0, 0))
        .hasMessageContaining("inputPerMillion must be");
  }

  @Test
  void amountsBeyondWhatPicoDollarsHoldAreRefusedNotClamped() {
    assertThatThrownBy(() -> Budget.builder().usd(1e300))
        .hasMessage(
            "usd must be at most 9223372.036854775807 dollars (the most kept exactly), got 1.0E300");
    assertThatThrownBy(() -> Money.picos(1e7)).hasMessageContaining("amount must be at most $");
    assertThat(Money.picos(9_000_000)).isEqualTo(9_000_000L * Money.PICOS_PER_USD);
    // the largest amount, as a cap read back from a store, still round-trips
    assertThat(Budget.builder().usd(Money.usd(Long.MAX_VALUE)).build().limit(new Cap.Usd()))
        .hasValue(Long.MAX_VALUE);
    assertThatThrownBy(() -> ModelPrice.of(1e13, 0))
        .hasMessage(
            "inputPerMillion must be a price from 0 to 1000000 USD per 1M tokens, got 1.0E13");
    assertThat(ModelPrice.of(1_000_000, 0).inputPerMillion()).isEqualTo(1_000_000);
  }
}
