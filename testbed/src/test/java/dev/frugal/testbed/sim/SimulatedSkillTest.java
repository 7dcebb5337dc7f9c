package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.tools.dataset.Question;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The profile moves accuracy the way it says: driven through the real search and open tools over
 * the real index, on a fixed sample of 50 questions and three seeds, a more skilled profile answers
 * more questions right. Only the ordering is asserted, never a number.
 */
class SimulatedSkillTest {
  private static final List<Question> SAMPLE = TestWorld.DATASET.questions().subList(100, 150);
  private static final long[] SEEDS = {11, 12, 13};

  private static double exactMatch(SimProfile profile, long budget, boolean tracker) {
    int right = 0;
    int runs = 0;
    for (long seed : SEEDS) {
      TestWorld.EngineLoop loop = TestWorld.loop(TestWorld.model(profile, seed), budget, tracker);
      for (Question q : SAMPLE) {
        if (loop.run(q).score().exactMatch()) right++;
        runs++;
      }
    }
    return (double) right / runs;
  }

  @Test
  void aBetterReaderAndSearcherAnswersMoreQuestions() {
    SimProfile skilled = SimProfile.small();
    SimProfile clumsy =
        SimProfile.small()
            .with(SimParameter.READ_SKILL, 0.3, "test: misses most facts it is shown")
            .with(SimParameter.QUERY_FOCUS, 0.1, "test: rarely focuses its queries");

    assertThat(exactMatch(skilled, 10, false)).isGreaterThan(exactMatch(clumsy, 10, false));
  }

  @Test
  void theLargeProfileBeatsTheSmallOne() {
    assertThat(exactMatch(SimProfile.large(), 10, false))
        .isGreaterThan(exactMatch(SimProfile.small(), 10, false));
  }

  @Test
  void searchUnitsStayWithinTheCap() {
    TestWorld.EngineLoop loop = TestWorld.loop(TestWorld.model(SimProfile.small(), 5), 4, true);
    for (Question q : SAMPLE.subList(0, 20)) {
      TestWorld.Episode e = loop.run(q);
      assertThat(e.units().getOrDefault("search", 0L)).isLessThanOrEqualTo(4);
      assertThat(e.units().getOrDefault("open", 0L)).isLessThanOrEqualTo(4);
      assertThat(e.score().f1()).isBetween(0.0, 1.0);
    }
  }
}
