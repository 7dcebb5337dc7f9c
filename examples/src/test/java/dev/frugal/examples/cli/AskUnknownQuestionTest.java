package dev.frugal.examples.cli;

import static dev.frugal.examples.cli.FrugalCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.examples.cli.FrugalCliTest.Run;
import dev.frugal.tools.dataset.Question;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code frugal ask} with a question the simulated model does not know: exit code 2, a message
 * saying so, and the closest bundled questions by BM25 to try instead.
 */
class AskUnknownQuestionTest {

  @Test
  void anUnknownQuestionExits2AndOffersTheClosestBundledOnes() throws Exception {
    Run r = run("ask", "Which woman portrayed Corliss Archer in the film Kiss and Tell?");

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("the simulated model only knows the ")
        .contains(
            "\"Which woman portrayed Corliss Archer in the film Kiss and Tell?\" is not one of"
                + " them.")
        .contains("The closest bundled questions:\n  1. " + AskCommand.EXAMPLE + "\n  2. ")
        .contains("\n  3. ")
        .contains("Try: ./frugal ask \"" + AskCommand.EXAMPLE + "\"")
        .contains("--base-url URL --model NAME");
  }

  @Test
  void everySuggestionIsABundledQuestion() throws Exception {
    try (var bed = dev.frugal.testbed.bench.Testbed.open("bundled", List.of())) {
      List<String> known = bed.dataset().questions().stream().map(Question::text).toList();

      List<String> closest =
          ClosestQuestions.of(bed.dataset(), "Which film starred an actress?", 3);

      assertThat(closest).hasSize(3).allMatch(known::contains);
      assertThat(ClosestQuestions.of(bed.dataset(), "the of and", 3)).isEmpty();
    }
  }
}
