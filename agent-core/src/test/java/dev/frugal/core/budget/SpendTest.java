package dev.frugal.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Spend} behaves as the record it was: its maps are copies equal to what was given,
 * read-only and sorted by name; equality, hash code and text follow the seven amounts; the totals
 * are exact.
 */
class SpendTest {

  @Test
  void theMapsAreReadOnlySortedCopiesEqualToWhatWasGiven() {
    Map<String, Long> units = new HashMap<>(Map.of("search", 3L, "open", 2L, "answer", 1L));
    Spend s = new Spend(10, 0, 5, units, Map.of("m", 1L), Map.of("m", 7L), Map.of("search", 9L));
    units.put("search", 99L); // the spend kept its own copy
    assertThat(s.toolUnits()).isEqualTo(Map.of("search", 3L, "open", 2L, "answer", 1L));
    assertThat(Map.of("search", 3L, "open", 2L, "answer", 1L)).isEqualTo(s.toolUnits());
    assertThat(s.toolUnits().hashCode())
        .isEqualTo(Map.of("search", 3L, "open", 2L, "answer", 1L).hashCode());
    assertThat(List.copyOf(s.toolUnits().keySet())).containsExactly("answer", "open", "search");
    assertThat(s.toolUnits().get("open")).isEqualTo(2L);
    assertThat(s.toolUnits().get("missing")).isNull();
    assertThat(s.toolUnits().get(42)).isNull();
    assertThat(s.toolUnits().containsKey("answer")).isTrue();
    assertThatThrownBy(() -> s.toolUnits().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.modelCalls().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.toolUnits().entrySet().iterator().next().setValue(5L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aSingleEntryMapKeepsTheMapContract() {
    // one entry is kept without arrays (a model call's, a tool call's): the same map to its users
    PriceTable prices = PriceTable.builder().model("m", ModelPrice.of(1.0, 2.0)).build();
    Map<String, Long> calls = Spend.modelCall("m", 10, 0, 5, prices).modelCalls();
    assertThat(calls).isEqualTo(Map.of("m", 1L)).hasSize(1);
    assertThat(Map.of("m", 1L)).isEqualTo(calls);
    assertThat(calls.hashCode()).isEqualTo(Map.of("m", 1L).hashCode());
    assertThat(calls.get("m")).isEqualTo(1L);
    assertThat(calls.get("n")).isNull();
    assertThat(calls.containsKey("m")).isTrue();
    assertThat(calls.containsKey("n")).isFalse();
    assertThat(List.copyOf(calls.entrySet())).containsExactly(Map.entry("m", 1L));
    assertThat(calls).hasToString("{m=1}");
    Spend twice =
        Spend.modelCall("m", 10, 0, 5, prices).plus(Spend.modelCall("m", 1, 0, 1, prices));
    assertThat(twice.modelCalls()).isEqualTo(Map.of("m", 2L));
    assertThatThrownBy(() -> calls.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalAmountsMakeEqualSpendsWhateverMapsTheyCameIn() {
    Spend a =
        new Spend(1, 0, 2, new TreeMap<>(Map.of("t", 1L)), Map.of(), Map.of("m", 3L), Map.of());
    Spend b =
        new Spend(1, 0, 2, new HashMap<>(Map.of("t", 1L)), Map.of(), Map.of("m", 3L), Map.of());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a)
        .isNotEqualTo(new Spend(1, 0, 3, Map.of("t", 1L), Map.of(), Map.of("m", 3L), Map.of()));
    assertThat(a).isNotEqualTo(new Spend(1, 0, 2, Map.of("t", 1L), Map.of(), Map.of(), Map.of()));
    assertThat(a.toString())
        .isEqualTo(
            "Spend[inputTokens=1, cachedInputTokens=0, outputTokens=2, toolUnits={t=1},"
                + " modelCalls={}, modelPicos={m=3}, toolPicos={}]");
  }

  @Test
  void theTotalInPicoDollarsIsExactAndAnOverflowIsRejectedButUnitsMaySaturate() {
    Spend s = new Spend(0, 0, 0, Map.of(), Map.of(), Map.of("a", 5L, "b", 6L), Map.of("t", 7L));
    assertThat(s.picos()).isEqualTo(18);
    assertThat(s.amount(new Cap.Usd())).isEqualTo(18);
    assertThatThrownBy(
            () ->
                new Spend(
                    0, 0, 0, Map.of(), Map.of(), Map.of("a", Long.MAX_VALUE, "b", 1L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the sum of Spend.modelPicos overflows a long");
    assertThatThrownBy(
            () ->
                new Spend(
                    0, 0, 0, Map.of(), Map.of(), Map.of("a", Long.MAX_VALUE), Map.of("t", 1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the total cost in pico-dollars overflows a long");
    // units of two tools are never added together: large counts are fine
    Spend units =
        new Spend(
            0,
            0,
            0,
            Map.of("x", Long.MAX_VALUE, "y", Long.MAX_VALUE),
            Map.of(),
            Map.of(),
            Map.of());
    assertThat(units.amount(new Cap.ToolUnits("y"))).isEqualTo(Long.MAX_VALUE);
    // a map of units handed in as pico-dollars is checked again
    assertThatThrownBy(() -> new Spend(0, 0, 0, Map.of(), Map.of(), units.toolUnits(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows a long");
  }

  @Test
  void plusAndMinusWorkNameByName() {
    Spend a = Spend.tool("search", 2, PriceTable.builder().tool("search", 0.01).build());
    Spend b = Spend.tool("open", 1, PriceTable.builder().tool("open", 0.02).build());
    Spend sum = a.plus(b);
    assertThat(sum.toolUnits()).isEqualTo(Map.of("search", 2L, "open", 1L));
    assertThat(sum.picos()).isEqualTo(a.picos() + b.picos());
    assertThat(sum.minus(b)).isEqualTo(a);
    assertThatThrownBy(() -> a.minus(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 0");
  }
}
