package dev.frugal.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTokensTest {
  final List<String> out = new ArrayList<>();
  final AnswerTokens filter = new AnswerTokens(out::add);

  @Test
  void tagsSplitAcrossPiecesAreNeitherShownNorLost() {
    for (String p : List.of("Thought. <an", "SWER>4", "2 is</", "answer", "> trailing")) {
      filter.accept(p);
    }
    filter.finish(true);
    assertThat(out).containsExactly("4", "2 is");
  }

  @Test
  void aReplyWithoutTheTagIsHandedOverWholeWhenItAnswered() {
    filter.accept("Final answer: ");
    filter.accept("Paris");
    assertThat(out).isEmpty();
    filter.finish(true);
    assertThat(out).containsExactly("Paris");
  }

  @Test
  void aReplyThatCalledToolsGivesNothing() {
    filter.accept("Let me search.");
    filter.finish(false);
    assertThat(out).isEmpty();
  }

  @Test
  void aTailThatOnlyLookedLikeTheClosingTagGoesOutWhenTheReplyEnds() {
    filter.accept("<answer>a < b </an");
    assertThat(out).containsExactly("a < b ");
    filter.finish(true);
    assertThat(out).containsExactly("a < b ", "</an");
  }
}
