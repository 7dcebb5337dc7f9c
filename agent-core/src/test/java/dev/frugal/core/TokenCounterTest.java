package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Token counts for estimates: OpenAI's real encodings, and the conservative rule for the rest. */
class TokenCounterTest {
  static final EncodingRegistry REAL = Encodings.newLazyEncodingRegistry();

  static final String JAPANESE = "東京は日本の首都です。人口は約1400万人で、世界最大級の都市圏を形成しています。";
  static final String KOREAN = "북한산은 서울의 북쪽에 있는 산이다";
  static final String CHINESE_RARE = "𠀀𠀁𠀂𪜀𫝀"; // supplementary-plane CJK: 4 UTF-8 bytes each
  static final String EMOJI = "🎉🚀👩‍👩‍👧‍👦🇯🇵😀😃😄 emoji 🤖";
  static final String CYRILLIC = "Привет, как дела? Это тест токенизатора.";
  static final String ZALGO = "ṱ̶̢̛h̷̨͇e̸ ̷z̶a̵l̴g̷o̸";
  static final String CODE =
      "public static void main(String[] args) {\n"
          + "    for (int i = 0; i < n; i++) { x[i] += y[i] * 2; }\n}";
  static final String JSON = "{\"queries\":[\"a\",\"b\"],\"k\":3,\"x\":null}";
  static final String TABLE = "| 0.412 | 0.38 ± 0.02 | $0.000135 | 12,345 |\n|---|---|---|---|";
  static final String ENGLISH =
      "What government position was held by the woman who portrayed Corliss Archer in the film"
          + " Kiss and Tell?";
  static final List<String> SAMPLES =
      List.of(JAPANESE, KOREAN, CHINESE_RARE, EMOJI, CYRILLIC, ZALGO, CODE, JSON, TABLE, ENGLISH);

  static long real(EncodingType type, String text) {
    return REAL.getEncoding(type).countTokens(text);
  }

  @Test
  void openAiModelsAreCountedWithTheirOwnEncoding() {
    // reference counts of the published encodings
    assertThat(TokenCounter.forModel("gpt-4o-mini").count(JAPANESE)).isEqualTo(27);
    assertThat(TokenCounter.forModel("gpt-4-turbo").count(JAPANESE)).isEqualTo(40);
    assertThat(TokenCounter.forModel("openai/gpt-4.1").count(EMOJI)).isEqualTo(27);
    assertThat(TokenCounter.forModel("gpt-3.5-turbo").count(EMOJI)).isEqualTo(40);
    assertThat(TokenCounter.forModel("o3-mini").count(CODE)).isEqualTo(38);
    assertThat(TokenCounter.forModel("gpt-4o").toString()).isEqualTo("o200k_base");
    assertThat(TokenCounter.forModel("claude-sonnet-4").toString())
        .isEqualTo("conservative per-code-point rule");
    assertThat(TokenCounter.forModel("sim-large")).isSameAs(TokenCounter.conservative());
  }

  @Test
  void theConservativeRuleNeverCountsFewerThanEitherOpenAiEncodingOnCjkEmojiAndCode() {
    TokenCounter rule = TokenCounter.conservative();
    for (String s : SAMPLES) {
      long most = Math.max(real(EncodingType.CL100K_BASE, s), real(EncodingType.O200K_BASE, s));
      assertThat(rule.count(s)).as("%s", s).isGreaterThanOrEqualTo(most);
    }
    // where characters/3 (the old estimate) fell far short
    assertThat((long) JAPANESE.length() / 3)
        .isLessThan(real(EncodingType.CL100K_BASE, JAPANESE) / 2);
    // 3 per CJK character or CJK punctuation mark (37 of them), 1 per ASCII digit (4)
    assertThat(rule.count(JAPANESE)).isEqualTo(3 * 37 + 4);
  }

  @Test
  void theConservativeRuleStaysAboveTheRealCountOnThisRepositorysOwnCodeAndDocs()
      throws IOException {
    TokenCounter rule = TokenCounter.conservative();
    Path root = Path.of("..").toAbsolutePath().normalize();
    int chunks = 0;
    for (String folder : List.of("agent-core/src", "docs")) {
      List<Path> files;
      try (Stream<Path> all = Files.walk(root.resolve(folder))) {
        files = all.filter(f -> f.toString().matches(".*\\.(java|md|json)$")).toList();
      }
      for (Path p : files) {
        String text = Files.readString(p);
        for (int off = 0; off + 400 <= text.length(); off += 2000) {
          String chunk = text.substring(off, off + 400);
          long most =
              Math.max(real(EncodingType.CL100K_BASE, chunk), real(EncodingType.O200K_BASE, chunk));
          assertThat(rule.count(chunk)).as("%s at %d", p, off).isGreaterThanOrEqualTo(most);
          chunks++;
        }
      }
    }
    assertThat(chunks).isGreaterThan(200);
  }

  @Test
  void emptyTextIsNoTokens() {
    assertThat(TokenCounter.conservative().count("")).isZero();
    assertThat(TokenCounter.forModel("gpt-4o").count("")).isZero();
  }
}
