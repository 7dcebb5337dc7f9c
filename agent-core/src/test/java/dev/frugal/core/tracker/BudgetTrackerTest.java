package dev.frugal.core.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Spend;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetTrackerTest {
  static final PriceTable PRICES = PriceTable.builder().build();
  static final Function<String, String> LABELS = t -> t.equals("search") ? "Query" : "URL";

  static Ledger spent(int searchUsed, int browseUsed) {
    Ledger l =
        Ledger.open(Budget.builder().toolUnits("search", 10).toolUnits("browse", 10).build());
    if (searchUsed > 0)
      l.reserve(Spend.tool("search", searchUsed, PRICES))
          .settle(Spend.tool("search", searchUsed, PRICES));
    if (browseUsed > 0)
      l.reserve(Spend.tool("browse", browseUsed, PRICES))
          .settle(Spend.tool("browse", browseUsed, PRICES));
    return l;
  }

  @Test
  void statusBlockHasThePapersShape() {
    assertThat(BudgetTracker.withDefaults().statusBlock(spent(7, 1).snapshot(), LABELS))
        .isEqualTo(
            "<budget>URL Budget Used: 1, URL Budget Remaining: 9, Query Budget Used: 7, Query Budget"
                + " Remaining: 3</budget>");
  }

  @ParameterizedTest
  @CsvSource({
    "0,0,HIGH",
    "3,0,HIGH",
    "4,0,MEDIUM",
    "7,2,MEDIUM",
    "8,0,LOW",
    "9,0,LOW",
    "2,10,CRITICAL",
    "10,0,CRITICAL"
  })
  void regimeFollowsTheLowestRemainingFraction(int search, int browse, Regime expected) {
    assertThat(BudgetTracker.withDefaults().regime(spent(search, browse).snapshot()))
        .isEqualTo(expected);
  }

  @Test
  void thresholdsAreConfigurableAndValidated() {
    BudgetTracker strict = BudgetTracker.builder().thresholds(0.9, 0.5, 0.2).build();
    assertThat(strict.regime(spent(2, 0).snapshot())).isEqualTo(Regime.MEDIUM);
    assertThatThrownBy(() -> BudgetTracker.builder().thresholds(0.2, 0.5, 0.1))
        .hasMessageContaining("thresholds must satisfy 0 <= low <= medium <= high <= 1");
  }

  @Test
  void systemSectionListsBudgetsAndTheCurrentRegime() {
    String s = BudgetTracker.withDefaults().systemPromptSection(spent(8, 0).snapshot(), LABELS);
    assertThat(s).startsWith("## Budget Tracker\n");
    assertThat(s).contains("Your budgets: 'browse': 10 URL units; 'search': 10 Query units.");
    assertThat(s).endsWith("Current regime: LOW.");
  }

  @Test
  void dollarAndTokenCapsAppearInTheStatusBlockWhenSet() {
    Ledger l = Ledger.open(Budget.builder().totalTokens(1000).usd(0.5).build());
    assertThat(BudgetTracker.withDefaults().statusBlock(l.snapshot(), LABELS))
        .isEqualTo(
            "<budget>Total Tokens Used: 0, Total Tokens Remaining: 1000, USD Used: 0.0000, USD"
                + " Remaining: 0.5000</budget>");
  }

  @Test
  void dollarsShowFourDecimalsRoundedWithLeadingZerosKept() {
    assertThat(BudgetTracker.dollars(0)).isEqualTo("0.0000");
    assertThat(BudgetTracker.dollars(500_000_000L)).isEqualTo("0.0005"); // $0.0005
    assertThat(BudgetTracker.dollars(49_999_999L)).isEqualTo("0.0000"); // rounds down
    assertThat(BudgetTracker.dollars(50_000_000L)).isEqualTo("0.0001"); // rounds half up
    assertThat(BudgetTracker.dollars(10_000_000_000L)).isEqualTo("0.0100");
    assertThat(BudgetTracker.dollars(999_900_000_000L)).isEqualTo("0.9999");
    assertThat(BudgetTracker.dollars(12_345_600_000_000L)).isEqualTo("12.3456");
    assertThat(BudgetTracker.dollars(-1_000_000_000_000L)).isEqualTo("-1.0000");
  }
}
