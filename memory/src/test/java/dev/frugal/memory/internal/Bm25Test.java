package dev.frugal.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory's one BM25, against the formula worked by hand. */
class Bm25Test {
  @Test
  void scoresFollowTheFormula() {
    Bm25 bm25 =
        new Bm25(List.of(List.of("chopin", "ballade"), List.of("violin"), List.of("chopin")));
    double[] s = bm25.scores(List.of("chopin", "chopin", "piano"));

    // "chopin" is in 2 of 3 documents: idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)); average length 4/3
    double idf = Math.log(1 + 1.5 / 2.5);
    double k1 = 1.2;
    double b = 0.75;
    double avg = 4.0 / 3;
    assertThat(s[0]).isCloseTo(idf * 2.2 / (1 + k1 * (1 - b + b * 2 / avg)), within(1e-12));
    assertThat(s[1]).isZero();
    assertThat(s[2]).isCloseTo(idf * 2.2 / (1 + k1 * (1 - b + b * 1 / avg)), within(1e-12));
    assertThat(s[2]).isGreaterThan(s[0]); // the shorter document ranks first
  }
}
