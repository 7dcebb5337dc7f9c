package dev.frugal.tools.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMetricsTest {

  @Test
  void normalisationLowersDropsPunctuationArticlesAndExtraSpace() {
    assertThat(AnswerMetrics.normalize("  The Chief-of-Protocol, U.S.A.  "))
        .isEqualTo("chiefofprotocol usa");
    assertThat(AnswerMetrics.normalize("An apple a day")).isEqualTo("apple day");
    assertThat(AnswerMetrics.normalize("Theatre")).isEqualTo("theatre");
    assertThat(AnswerMetrics.normalize(null)).isEmpty();
  }

  @Test
  void exactMatchComparesNormalisedAnswersAndTakesAnyAlias() {
    assertThat(AnswerMetrics.exactMatch("the chief of protocol.", List.of("Chief of Protocol")))
        .isTrue();
    assertThat(AnswerMetrics.exactMatch("Chief", List.of("Chief of Protocol"))).isFalse();
    assertThat(AnswerMetrics.exactMatch("NYC", List.of("New York City", "NYC"))).isTrue();
    assertThat(AnswerMetrics.exactMatch(null, List.of("yes"))).isFalse();
  }

  @Test
  void f1CountsSharedTokens() {
    // prediction {chief, of, protocol}; gold {chief, of, protocol, of, united, states}:
    // 3 shared, precision 3/3, recall 3/6, F1 = 2 * 1 * 0.5 / 1.5.
    double f1 =
        AnswerMetrics.f1("Chief of Protocol", List.of("Chief of Protocol of the United States"));
    assertThat(f1).isCloseTo(2.0 / 3.0, within(1e-9));
    assertThat(AnswerMetrics.f1("Paris", List.of("London"))).isZero();
  }

  @Test
  void f1IsTheBestOverAliases() {
    assertThat(AnswerMetrics.f1("Barack Obama", List.of("Obama", "Barack Hussein Obama")))
        .isCloseTo(0.8, within(1e-9));
  }

  @Test
  void yesNoAnswersScoreNothingUnlessEqual() {
    assertThat(AnswerMetrics.f1("no", List.of("no way"))).isZero();
    assertThat(AnswerMetrics.f1("yes it is", List.of("yes"))).isZero();
    assertThat(AnswerMetrics.f1("Yes.", List.of("yes"))).isEqualTo(1.0);
    assertThat(AnswerMetrics.score("Yes.", List.of("yes")).exactMatch()).isTrue();
  }

  @Test
  void scoringWithoutGoldAnswersIsAnError() {
    assertThatThrownBy(() -> AnswerMetrics.score("x", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one gold answer");
  }
}
