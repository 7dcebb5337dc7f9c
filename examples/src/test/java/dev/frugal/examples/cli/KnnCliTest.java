package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal router fit-knn} on the episodes {@code frugal bench --episodes} logged, then bench
 * and ask routed by the fitted history (docs/extras.md, "The V0-style router"); the models are
 * SIMULATED.
 */
class KnnCliTest {
  static final String PAIR = "router:sim-small/sim-large:";

  @TempDir Path dir;

  /** Runs the CLI with System.out captured (bench and fit-knn print there). */
  static FrugalCliTest.Run cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      FrugalCliTest.Run r = FrugalCliTest.run(args);
      return new FrugalCliTest.Run(
          r.code(), buf.toString(StandardCharsets.UTF_8) + r.out(), r.err());
    } finally {
      System.setOut(old);
    }
  }

  static String[] bench(Path out, String models, String... more) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "bench",
                "--strategies",
                "react+tracker",
                "--budgets",
                "10",
                "--seeds",
                "1",
                "--limit",
                "4",
                "--threads",
                "1",
                "--models",
                models,
                "--out",
                out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void fitKnnOnLoggedEpisodesThenBenchAndAskRouteWithTheFittedFile() throws Exception {
    Path episodes = dir.resolve("dev-episodes.jsonl");
    FrugalCliTest.Run logged =
        cli(
            bench(
                dir.resolve("dev"),
                PAIR + "always-small," + PAIR + "always-large",
                "--episodes",
                episodes.toString()));
    assertThat(logged.code()).as(logged.err()).isZero();

    Path history = dir.resolve("knn-history.jsonl");
    FrugalCliTest.Run fit =
        cli("router", "fit-knn", "--from", episodes.toString(), "--out", history.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
    assertThat(fit.out())
        .contains("fitted 4 questions from 8 episodes")
        .contains("sim-small: 4 questions")
        .contains("sim-large: 4 questions")
        .contains("lambda = 10.0 per dollar");
    assertThat(Files.readAllLines(history)).hasSize(5);

    FrugalCliTest.Run routed = cli(bench(dir.resolve("eval"), PAIR + "knn=" + history));
    assertThat(routed.code()).as(routed.err()).isZero();
    assertThat(routed.out()).contains("router:knn-history(sim-small/sim-large)");

    FrugalCliTest.Run ask =
        cli(
            "ask",
            "--router",
            "knn=" + history,
            "What government position was held by the woman who portrayed Corliss Archer in the"
                + " film Kiss and Tell?");
    assertThat(ask.code()).as(ask.err()).isZero();
  }

  @Test
  void anUnfittedHistoryOrABadEpisodeLogExitsWith2SayingWhatToDo() throws Exception {
    Path none = dir.resolve("none.jsonl");
    FrugalCliTest.Run unfitted = cli(bench(dir.resolve("x"), PAIR + "knn=" + none));
    assertThat(unfitted.code()).isEqualTo(2);
    assertThat(unfitted.err())
        .contains("no kNN history at " + none)
        .contains("./frugal router fit-knn --from EPISODES.jsonl");

    FrugalCliTest.Run noLog = cli("router", "fit-knn", "--from", none.toString());
    assertThat(noLog.code()).isEqualTo(2);
    assertThat(noLog.err()).contains("no episodes file at " + none);

    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    FrugalCliTest.Run emptyLog = cli("router", "fit-knn", "--from", empty.toString());
    assertThat(emptyLog.code()).isEqualTo(2);
    assertThat(emptyLog.err()).contains("holds no episodes");

    Path corrupt =
        Files.writeString(
            dir.resolve("corrupt.jsonl"),
            "{\"questionId\":\"5a8c7595554299585d9e36b6\",\"model\":\"sim-small\",\"em\":1,"
                + "\"usd\":0.01}\nnot json\n");
    FrugalCliTest.Run bad = cli("router", "fit-knn", "--from", corrupt.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains(corrupt + " line 2: expected one JSON object per line");

    FrugalCliTest.Run k = cli("router", "fit-knn", "--from", corrupt.toString(), "--k", "0");
    assertThat(k.code()).isEqualTo(2);
    assertThat(k.err()).contains("k must be >= 1, got 0");
  }
}
