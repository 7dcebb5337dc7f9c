package dev.frugal.memory.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.memory.Conversations;
import dev.frugal.memory.Memory;
import java.time.LocalDate;
import java.util.ArrayList;
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

  /**
   * A conversation written for this test: two sessions talk about vaccines in general, and the one
   * fact asked about (Pistachio's rabies shot) is a single turn of a session about other things, so
   * that session's embedding is far from the question while its rare word is not.
   */
  private static History buriedFact() {
    String[][][] sessions = {
      {
        {"Tom", "My dog got his vaccine at the vet today."},
        {"Maria", "Vaccines matter, our vet reminds us every year."},
        {"Tom", "The vaccine made him sleepy all evening."}
      },
      {
        {"Maria", "The cat vaccine schedule is confusing."},
        {"Tom", "Ask the vet which vaccine comes first."}
      },
      {
        {"Tom", "I started a new job at a bakery downtown."},
        {"Maria", "Congratulations! My sister flew in from Madrid to visit."},
        {"Tom", "How was the recital?"},
        {"Maria", "Great. Oh, and Pistachio got the rabies shot on Friday."},
        {"Tom", "The weather in Lisbon was lovely on our trip."},
        {"Maria", "I signed up for a pottery class too."}
      },
      {
        {"Tom", "I am training for the Berlin marathon in September."},
        {"Maria", "How far do you run each week?"},
        {"Tom", "About forty miles."}
      },
      {
        {"Maria", "I practise the violin every evening."},
        {"Tom", "Will you play at the spring concert?"}
      }
    };
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < sessions.length; i++) {
      for (String[] t : sessions[i]) {
        turns.add(new Turn(i, LocalDate.of(2023, 3, 1).plusWeeks(i), t[0], t[1]));
      }
    }
    return new History.Dialogue(turns);
  }

  private static boolean holdsTheFact(List<ChunkIndex.Hit> hits) {
    return hits.stream().anyMatch(h -> h.chunk().text().contains("Pistachio got the rabies shot"));
  }

  @Test
  void hybridRetrievalFindsTheTurnTheEmbeddingAloneMisses() {
    ChunkIndex index = ChunkIndex.build(new Chunker(256).chunk(buriedFact()), Embedder.shared());
    assertThat(index.size()).isEqualTo(5); // one chunk per session
    String q = "When did Pistachio get his rabies vaccine?";
    float[] v = Embedder.shared().embed(q);
    // the two all-about-vaccines sessions are nearer by embedding than the session with the fact
    assertThat(holdsTheFact(index.top(v, 2))).isFalse();
    // BM25 ranks the fact's session first: "pistachio" and "rabies" occur nowhere else
    assertThat(holdsTheFact(index.lexical(q, 1))).isTrue();
    // fused by reciprocal rank, it makes the top 2
    List<ChunkIndex.Hit> hybrid = index.hybrid(q, v, 2, 50);
    assertThat(hybrid).hasSize(2);
    assertThat(holdsTheFact(hybrid)).isTrue();
    assertThat(hybrid.get(0).score()).isGreaterThanOrEqualTo(hybrid.get(1).score());
    assertThat(index.find(Retrieval.EMBEDDING, q, v, 2, 50)).isEqualTo(index.top(v, 2));
  }

  @Test
  void theMemoryRetrievesHybridByDefaultAndEmbeddingOnlyWhenAsked() {
    String q = "When did Pistachio get his rabies vaccine?";
    var hybrid = Memory.builder().history(buriedFact()).topK(2).build();
    var embedding =
        Memory.builder().history(buriedFact()).topK(2).retrieval(Retrieval.EMBEDDING).build();
    assertThat(hybrid.retrieve(q)).anySatisfy(c -> assertThat(c.text()).contains("Pistachio"));
    assertThat(embedding.retrieve(q)).noneSatisfy(c -> assertThat(c.text()).contains("Pistachio"));
    // the recall's summary is built from what was retrieved
    var r = hybrid.recall(q);
    assertThat(r.retrieved()).hasSize(2);
    assertThat(r.summary()).contains("Pistachio got the rabies shot");
  }

  @Test
  void lexicalRetrievalReturnsOnlyChunksSharingAKeyword() {
    ChunkIndex index = ChunkIndex.build(new Chunker(256).chunk(buriedFact()), Embedder.shared());
    var hits = index.lexical("Berlin marathon", 5);
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).chunk().text()).contains("Berlin marathon");
    assertThat(index.lexical("zebra quantum", 5)).isEmpty();
  }

  @Test
  void badRetrievalSettingsAreRefusedWithWhatIsValid() {
    ChunkIndex index = ChunkIndex.build(new Chunker(256).chunk(buriedFact()), Embedder.shared());
    float[] v = Embedder.shared().embed("marathon");
    assertThatThrownBy(() -> index.hybrid("marathon", v, 5, 3))
        .hasMessageContaining("candidates (3) must be >= k (5)");
    assertThatThrownBy(() -> Retrieval.parse("dense"))
        .hasMessageContaining("valid: embedding, hybrid, bm25");
    assertThat(Retrieval.parse(" Hybrid ")).isEqualTo(Retrieval.HYBRID);
    assertThatThrownBy(() -> Memory.builder().candidates(0)).hasMessageContaining(">= 1");
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
