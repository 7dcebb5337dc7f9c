package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
  static final ModelSource NONE =
      new ModelSource() {
        @Override
        public String name() {
          return "m";
        }

        @Override
        public ModelPrice price() {
          return ModelPrice.of(0, 0);
        }

        @Override
        public boolean simulated() {
          return true;
        }

        @Override
        public NamedModel model(long seed) {
          throw new UnsupportedOperationException("not needed");
        }
      };

  static BenchConfig config(List<Integer> tokens, BenchConfig.TokenKind kind) {
    return new BenchConfig(
        List.of("bundled"),
        List.of(),
        List.of("bavt", "parallel-majority"),
        List.of(5, 10, 20),
        List.of(NONE),
        1,
        0,
        1,
        60,
        Path.of("out"),
        tokens,
        kind);
  }

  @Test
  void eachBudgetTierGetsTheTokenCapAlignedWithIt() {
    BenchConfig c = config(List.of(2000, 4000, 8000), BenchConfig.TokenKind.OUTPUT);
    assertThat(c.budgetFor(10))
        .isEqualTo(
            Budget.builder()
                .toolUnits("search", 10)
                .toolUnits("open", 10)
                .outputTokens(4000)
                .build());
    assertThat(config(List.of(1, 2, 3), BenchConfig.TokenKind.TOTAL).budgetFor(20).totalTokens())
        .hasValue(3);
    assertThat(config(List.of(), BenchConfig.TokenKind.OUTPUT).budgetFor(5).caps()).hasSize(2);
  }

  @Test
  void tokenCapsMustMatchTheBudgetsOneToOne() {
    assertThatThrownBy(() -> config(List.of(2000, 4000), BenchConfig.TokenKind.OUTPUT))
        .hasMessageContaining("one per budget (3 for budgets [5, 10, 20]), got 2");
    assertThatThrownBy(() -> config(List.of(2000, 0, 1), BenchConfig.TokenKind.OUTPUT))
        .hasMessageContaining("token caps must be positive");
    assertThatThrownBy(() -> BenchConfig.TokenKind.parse("words"))
        .hasMessageContaining("output, total or input");
    assertThat(BenchConfig.TokenKind.parse(" Total ")).isEqualTo(BenchConfig.TokenKind.TOTAL);
  }

  @Test
  void bavtIsInTheCatalog() {
    assertThat(StrategyCatalog.get("bavt").strategy().get().name()).isEqualTo("bavt");
    assertThat(StrategyCatalog.get("bavt+tracker").tracker()).isTrue();
    assertThat(StrategyCatalog.get("bavt-guard").strategy().get().name()).isEqualTo("bavt-guard");
  }
}
