package dev.frugal.router.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history file: what is written is read back; what is not a history says where and why. */
class KnnHistoryTest {
  @TempDir Path dir;

  @Test
  void aWrittenHistoryReadsBackTheSame() {
    KnnHistory h = KnnEstimatorTest.twoClusters(new KnnSettings(7, 1.5, 12.5));
    Path f = dir.resolve("sub/history.jsonl");
    h.write(f);
    KnnHistory back = KnnHistory.read(f);
    assertThat(back.embedding()).isEqualTo("hand");
    assertThat(back.dimension()).isEqualTo(2);
    assertThat(back.settings()).isEqualTo(new KnnSettings(7, 1.5, 12.5));
    assertThat(back.models()).containsExactly("large", "small");
    assertThat(back.questions()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(back.questions().get(i).questionId()).isEqualTo(h.questions().get(i).questionId());
      assertThat(back.questions().get(i).embedding()).isEqualTo(h.questions().get(i).embedding());
      assertThat(back.questions().get(i).outcomes()).isEqualTo(h.questions().get(i).outcomes());
    }
  }

  Path withLine(int index, String replacement) throws Exception {
    Path f = dir.resolve("h.jsonl");
    KnnEstimatorTest.twoClusters(KnnSettings.DEFAULTS).write(f);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
    lines.set(index, replacement);
    Files.write(f, lines);
    return f;
  }

  @Test
  void aCorruptLineIsNamedWithWhatWasExpected() throws Exception {
    Path f = withLine(2, "{\"questionId\": \"a2\", \"embedding\": [0.1, 0.2");
    assertThatThrownBy(() -> KnnHistory.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f + " line 3: expected one JSON object");
    Path g = withLine(3, "{\"questionId\": \"a3\", \"embedding\": [0.1], \"outcomes\": {}}");
    assertThatThrownBy(() -> KnnHistory.read(g))
        .hasMessageContaining("line 4: expected \"embedding\": an array of 2 numbers")
        .hasMessageContaining("got 1 values");
    Path o =
        withLine(
            4,
            "{\"questionId\":\"b1\",\"embedding\":[0,1],\"outcomes\":{\"small\":{\"success\":2,"
                + "\"usd\":0.01,\"episodes\":1}}}");
    assertThatThrownBy(() -> KnnHistory.read(o))
        .hasMessageContaining("line 5: expected a valid outcome for model small")
        .hasMessageContaining("success must be in [0, 1], got 2.0");
  }

  @Test
  void aFileThatIsNotAHistoryIsRecognisedAtItsFirstLine() throws Exception {
    Path f = dir.resolve("episodes.jsonl");
    Files.writeString(
        f, "{\"questionId\":\"q1\",\"model\":\"sim-small\",\"em\":1.0,\"usd\":0.01}\n");
    assertThatThrownBy(() -> KnnHistory.read(f))
        .hasMessageContaining("line 1: expected a header with \"format\": \"frugal-knn-history\"")
        .hasMessageContaining("fit-knn");
  }

  @Test
  void aMissingEmptyOrHeaderOnlyFileSaysHowToFitOne() throws Exception {
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> KnnHistory.read(missing))
        .hasMessageContaining("no kNN history at " + missing)
        .hasMessageContaining("./frugal router fit-knn --from EPISODES.jsonl --out " + missing);
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThatThrownBy(() -> KnnHistory.read(empty)).hasMessageContaining("is empty");
    Path header = withLine(1, "");
    Files.write(header, List.of(Files.readAllLines(header).get(0)));
    assertThatThrownBy(() -> KnnHistory.read(header))
        .hasMessageContaining("has a header but no logged questions");
  }
}
