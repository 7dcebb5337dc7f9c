package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a fixed seed, the simulated roles make the mistakes a declared confusion model says they can
 * (docs/testbed.md, "Testbed v3"): some wrong answers are read from distractor paragraphs, and some
 * verifications end in PIVOT. Counted, not just possible.
 */
class DistractorsAndPivotsTest {
  @TempDir Path out;

  @Test
  void someWrongAnswersComeFromDistractorTextAndSomeVerdictsArePivot() throws Exception {
    Dataset data = Testbed.load(Testbed.BUNDLED);
    SimWorld world = new SimWorld(data);
    BenchConfig config =
        new BenchConfig(
            List.of(Testbed.BUNDLED),
            List.of(),
            List.of("bats"),
            List.of(10),
            List.of(ModelSources.simulated("sim-small", world, false)),
            1,
            40,
            2,
            60,
            out);
    BenchHarness.Outcome o =
        new BenchHarness(config, new PrintStream(new ByteArrayOutputStream())).run();

    Map<String, Question> byId = new HashMap<>();
    data.questions().forEach(q -> byId.put(q.id(), q));
    int fromDistractor = 0;
    int pivots = 0;
    int verdicts = 0;
    for (Episode e : o.episodes()) {
      verdicts += e.verdicts().size();
      pivots += (int) e.verdicts().stream().filter("PIVOT"::equals).count();
      if (e.exactMatch() > 0) continue;
      List<String> gold = byId.get(e.questionId()).supportingTitles();
      List<String> sources = e.answerSourceTitles();
      if (!sources.isEmpty() && sources.stream().noneMatch(gold::contains)) fromDistractor++;
    }
    System.out.printf(
        "%d episodes: %d wrong answers read from distractor text; %d of %d verdicts PIVOT%n",
        o.episodes().size(), fromDistractor, pivots, verdicts);
    assertThat(fromDistractor).isPositive();
    assertThat(pivots).isPositive();
  }
}
