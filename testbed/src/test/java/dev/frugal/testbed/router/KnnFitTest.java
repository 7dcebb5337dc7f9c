package dev.frugal.testbed.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.frugal.router.knn.KnnHistory;
import dev.frugal.router.knn.KnnSettings;
import dev.frugal.router.knn.LoggedQuestion;
import dev.frugal.router.knn.Outcome;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fitting a kNN history from bench episode lines: what is kept, and what bad input says. */
class KnnFitTest {
  static final Dataset DATA = Testbed.load(Testbed.BUNDLED).first(3);
  static final Function<String, float[]> LENGTH = t -> new float[] {t.length(), 1};

  @TempDir Path dir;

  String id(int i) {
    return DATA.questions().get(i).id();
  }

  static String line(String id, String model, double em, double usd) {
    return "{\"questionId\":\""
        + id
        + "\",\"strategy\":\"react+tracker\",\"model\":\""
        + model
        + "\",\"budget\":10,\"seed\":0,\"setting\":0,\"em\":"
        + em
        + ",\"f1\":0.5,\"usd\":"
        + usd
        + "}";
  }

  Path file(String... lines) throws Exception {
    return Files.write(dir.resolve("episodes.jsonl"), List.of(lines));
  }

  KnnFit.Result fit(Path f) {
    return KnnFit.fit(f, DATA, LENGTH, "length", KnnSettings.DEFAULTS);
  }

  @Test
  void eachQuestionAndModelKeepsItsShareOfSuccessesAndMeanCost() throws Exception {
    String pair = "(sim-small/sim-large)";
    Path f =
        file(
            line(id(0), "router:always-small" + pair, 1.0, 0.01),
            line(id(0), "router:always-small" + pair, 0.0, 0.03),
            "",
            line(id(0), "router:always-large" + pair, 1.0, 0.05),
            line(id(1), "sim-small", 0.0, 0.02),
            line(id(1), "router:small-first-1" + pair, 1.0, 0.04));
    KnnFit.Result r = fit(f);
    KnnHistory h = r.history();
    assertThat(r.episodes()).isEqualTo(4);
    assertThat(r.skipped()).containsExactly(Map.entry("router:small-first-1" + pair, 1));
    assertThat(r.strategies()).containsExactly(Map.entry("react+tracker", 4));
    assertThat(h.embedding()).isEqualTo("length");
    assertThat(h.dimension()).isEqualTo(2);
    assertThat(h.models()).containsExactly("sim-large", "sim-small");
    LoggedQuestion q0 = h.questions().get(0);
    assertThat(q0.questionId()).isEqualTo(id(0));
    assertThat(q0.embedding()).containsExactly(DATA.questions().get(0).text().length(), 1);
    Outcome small = q0.outcomes().get("sim-small");
    assertThat(small.success()).isEqualTo(0.5);
    assertThat(small.usd()).isCloseTo(0.02, within(1e-12));
    assertThat(small.episodes()).isEqualTo(2);
    assertThat(q0.outcomes().get("sim-large")).isEqualTo(new Outcome(1, 0.05, 1));
    assertThat(h.questions().get(1).outcomes()).containsOnlyKeys("sim-small");
  }

  @Test
  void onlyAlwaysSmallAndAlwaysLargeRoutedEpisodesCountAsOneModel() {
    assertThat(KnnFit.singleModel("sim-small")).isEqualTo("sim-small");
    assertThat(KnnFit.singleModel("router:always-small(a/b)")).isEqualTo("a");
    assertThat(KnnFit.singleModel("router:always-large(a/b)")).isEqualTo("b");
    assertThat(KnnFit.singleModel("router:default(a/b)")).isNull();
    assertThat(KnnFit.singleModel("router:knn(a/b)")).isNull();
  }

  @Test
  void aBadLineIsNamedWithWhatWasExpected() throws Exception {
    Path notJson = file(line(id(0), "sim-small", 1, 0.01), "{\"questionId\": \"x\", ");
    assertThatThrownBy(() -> fit(notJson))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notJson + " line 2: expected one JSON object per line")
        .hasMessageContaining("bench --episodes");
    Path noEm = file("{\"questionId\":\"" + id(0) + "\",\"model\":\"sim-small\",\"usd\":0.1}");
    assertThatThrownBy(() -> fit(noEm)).hasMessageContaining("line 1: expected \"em\" as a number");
    Path textUsd =
        file(
            line(id(0), "sim-small", 1, 0.1),
            line(id(1), "sim-small", 1, 0.1).replace("0.1}", "\"x\"}"));
    assertThatThrownBy(() -> fit(textUsd))
        .hasMessageContaining("line 2: expected \"usd\" as a number, got \"x\"");
    Path badEm = file(line(id(0), "sim-small", 2, 0.1));
    assertThatThrownBy(() -> fit(badEm)).hasMessageContaining("line 1: expected \"em\" in [0, 1]");
  }

  @Test
  void aQuestionOfAnotherDatasetSaysWhichDatasetWasGiven() throws Exception {
    Path f = file(line(id(0), "sim-small", 1, 0.01), line("not-a-question", "sim-small", 1, 0.01));
    assertThatThrownBy(() -> fit(f))
        .hasMessageContaining("line 2: expected a question of the dataset")
        .hasMessageContaining("(3 questions), got questionId 'not-a-question'")
        .hasMessageContaining("--dataset");
  }

  @Test
  void aMissingOrEmptyLogOrOneOfMixedRoutersOnlySaysWhatToRunFirst() throws Exception {
    Path missing = dir.resolve("none.jsonl");
    assertThatThrownBy(() -> fit(missing))
        .hasMessageContaining("no episodes file at " + missing)
        .hasMessageContaining("--episodes " + missing);
    Path empty = file("", "  ");
    assertThatThrownBy(() -> fit(empty)).hasMessageContaining("holds no episodes");
    Path mixed = file(line(id(0), "router:default(sim-small/sim-large)", 1, 0.01));
    assertThatThrownBy(() -> fit(mixed))
        .hasMessageContaining("holds 1 episodes but none of a single model")
        .hasMessageContaining("always-large");
  }

  @Test
  void theFittedHistoryRoutesThroughTheCliNameKnnFile() throws Exception {
    Question q = DATA.questions().get(0);
    Path f = file(line(q.id(), "sim-small", 1, 0.01), line(q.id(), "sim-large", 1, 0.03));
    Path out = dir.resolve("h.jsonl");
    KnnFit.fit(
            f,
            DATA,
            dev.frugal.router.knn.MiniLmEmbedding.shared(),
            dev.frugal.router.knn.MiniLmEmbedding.NAME,
            KnnSettings.DEFAULTS)
        .history()
        .write(out);
    var policy = (dev.frugal.router.knn.KnnPolicy) Routers.policy("knn=" + out);
    assertThat(policy.name()).isEqualTo("knn-h");
    assertThat(Routers.knnName(Path.of("/x/knn-l10.jsonl"))).isEqualTo("knn-l10");
    // both succeed; SMALL is cheaper, so lambda > 0 routes the question to it
    assertThat(policy.choose(q.text(), List.of("sim-small", "sim-large")).model())
        .isEqualTo("sim-small");
    assertThatThrownBy(() -> Routers.policy("knn=" + dir.resolve("missing.jsonl")))
        .hasMessageContaining("no kNN history at")
        .hasMessageContaining("fit-knn");
    Path other = dir.resolve("other.jsonl");
    fit(f).history().write(other);
    assertThatThrownBy(() -> Routers.policy("knn=" + other))
        .hasMessageContaining("fitted with the embedding 'length'");
  }
}
