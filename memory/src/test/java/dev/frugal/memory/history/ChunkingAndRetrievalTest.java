package dev.frugal.memory.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.memory.Conversations;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkingAndRetrievalTest {

  @Test
  void dialogueChunksStayWithinTheLimitAndNeverCrossASession() {
    History h = Conversations.small();
    List<Chunk> chunks = new Chunker(40).chunk(h);
    assertThat(chunks).hasSizeGreaterThan(3);
    for (Chunk c : chunks) {
      assertThat(c.tokens()).isLessThanOrEqualTo(40).isEqualTo(Tokens.count(c.text()));
      assertThat(c.source()).startsWith("session ");
    }
    // sessions keep their own dates
    assertThat(chunks.get(0).date()).isEqualTo(LocalDate.of(2023, 5, 8));
    assertThat(chunks.get(chunks.size() - 1).date()).isEqualTo(LocalDate.of(2023, 8, 2));
    // every sentence is kept exactly once, in order, with its speaker
    String all = String.join(" ", chunks.stream().map(Chunk::text).toList());
    assertThat(all).startsWith("Maria: Hi Tom!").contains("Tom: Yes, last Saturday I hiked");
  }

  @Test
  void defaultSizesAreThePapers() {
    assertThat(Chunker.forHistory(Conversations.small()).maxTokens()).isEqualTo(256);
    var docs = new History.Documents(List.of(new Document("t", "x.", LocalDate.of(2020, 1, 1))));
    assertThat(Chunker.forHistory(docs).maxTokens()).isEqualTo(1024);
    assertThat(new Chunker(256).chunk(Conversations.small())).hasSize(3); // one per session
  }

  @Test
  void anOverlongSentenceIsSplitAtWords() {
    String longText = "word ".repeat(100).strip() + ".";
    var docs =
        new History.Documents(List.of(new Document("Long", longText, LocalDate.of(2020, 1, 1))));
    List<Chunk> chunks = new Chunker(30).chunk(docs);
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(4);
    chunks.forEach(c -> assertThat(c.tokens()).isLessThanOrEqualTo(30));
  }

  @Test
  void aChunkSizeBelowSixteenIsRefusedWithTheValidRange() {
    assertThatThrownBy(() -> new Chunker(3)).hasMessageContaining("at least 16");
  }

  @Test
  void retrievalFindsTheChunkThatHoldsTheFact() {
    History h = Conversations.small();
    ChunkIndex index = ChunkIndex.build(new Chunker(48).chunk(h), Embedder.shared());
    Embedder e = Embedder.shared();
    var hits = index.top(e.embed("Which city did Maria's sister fly in from?"), 2);
    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
    assertThat(hits.stream().map(x -> x.chunk().text()).toList())
        .anySatisfy(t -> assertThat(t).contains("Madrid"));
    var marathon = index.top(e.embed("What race is Tom training for?"), 1).get(0).chunk();
    assertThat(marathon.text()).contains("marathon");
  }

  @Test
  void embeddingsAreUnitLengthAndSimilarForParaphrases() {
    Embedder e = Embedder.shared();
    float[] a = e.embed("My dog loves long walks.");
    float[] b = e.embed("The puppy enjoys going for walks.");
    float[] c = e.embed("Quarterly tax filing deadlines.");
    assertThat(a).hasSize(Embedder.DIMENSION);
    assertThat(Embedder.dot(a, a)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(Embedder.dot(a, b)).isGreaterThan(Embedder.dot(a, c) + 0.2f);
  }
}
