package dev.frugal.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mask allows LARGE only when the step's full output allowance on LARGE is affordable. One
 * output token short of it, the call goes to SMALL (before the fix it went to a LARGE reply cut to
 * what was left).
 */
class MaskBoundaryTest {
  static final int MAX_OUT = 200;

  static Decision firstDecision(long outputTokenCap) {
    List<Decision> log = new ArrayList<>();
    LoopingModel model = new LoopingModel();
    RoutedSelector selector =
        RoutedSelector.builder()
            .small(new NamedModel("small", model))
            .large(new NamedModel("large", model))
            .policy(Baselines.alwaysLarge())
            .listener(log::add)
            .build();
    Agent.builder()
        .modelSelector(selector)
        .prices(HardBudgetMaskProperties.PRICES)
        .toolsFrom(new LoopingModel.Lookup())
        .budget(Budget.builder().outputTokens(outputTokenCap).build())
        .answerReserve(0)
        .maxOutputTokens(MAX_OUT)
        .maxSteps(1)
        .build()
        .run("What do the words mean?");
    return log.get(0);
  }

  @Test
  void largeIsChosenWhenItsFullOutputAllowanceIsExactlyAffordable() {
    Decision d = firstDecision(MAX_OUT);
    assertThat(d.proposed()).isEqualTo(Tier.LARGE);
    assertThat(d.chosen()).isEqualTo(Tier.LARGE);
  }

  @Test
  void oneTokenShortOfTheFullAllowanceTheCallGoesToSmallNotToACutLargeReply() {
    Decision d = firstDecision(MAX_OUT - 1);
    assertThat(d.proposed()).isEqualTo(Tier.LARGE);
    assertThat(d.chosen()).isEqualTo(Tier.SMALL);
    assertThat(d.masked()).isTrue();
  }
}
