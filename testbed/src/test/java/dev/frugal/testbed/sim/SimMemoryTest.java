package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts that keep the simulated model fast (docs/testbed.md, "Throughput") give exactly
 * what the slow paths gave: a remembered result equals a computed one, and the streaming UTF-8 hash
 * equals the hash of {@code getBytes(UTF_8)}, so every draw stays the same.
 */
class SimMemoryTest {
  private static final long FNV_PRIME = 0x100000001b3L;

  /** The hash as Seeds computed it before streaming: over the encoded byte array. */
  private static long hashOfBytes(long h, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * FNV_PRIME;
    return h;
  }

  @Test
  void theStreamedUtf8HashIsTheHashOfTheEncodedBytes() {
    List<String> texts =
        List.of(
            "",
            "plain ascii",
            "1. [p12] Kiss and Tell (1945 film) \u2014 a snippet",
            "caf\u00e9 na\u00efve \u00df \u0394",
            "\u4e2d\u6587 \uffff \u0800 \u07ff",
            "emoji \ud83d\ude00 pair",
            "lone high \ud83d end",
            "lone low \ude00 mid",
            "ends on a high \ud83d",
            "\ud83d\ud83d\ude00");
    for (String t : texts) {
      for (long seed : new long[] {0L, 0xcbf29ce484222325L, -7L}) {
        assertThat(Seeds.hashUtf8(seed, t)).as(t).isEqualTo(hashOfBytes(seed, t));
      }
    }
  }

  @Test
  void aMemoAnswersFromMemoryWithTheComputedValueAndStaysBounded() {
    AtomicInteger computed = new AtomicInteger();
    Memo<String, Integer> memo = new Memo<>(3);
    for (int round = 0; round < 2; round++) {
      for (String k : List.of("a", "bb", "ccc")) {
        assertThat(memo.get(k, x -> computed.incrementAndGet() * 0 + x.length()))
            .isEqualTo(k.length());
      }
    }
    assertThat(computed).hasValue(3); // the second round came from memory
    assertThat(memo.size()).isEqualTo(3);
    assertThat(memo.get("dddd", String::length)).isEqualTo(4); // full: dropped, then remembered
    assertThat(memo.size()).isEqualTo(1);
  }
}
