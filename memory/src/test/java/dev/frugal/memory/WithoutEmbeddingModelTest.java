package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.ChunkIndex;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.history.Turn;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LOW-tier recall with BM25 retrieval never loads the embedding model (docs/memory.md, "Without the
 * embedding model"); each test has its own {@link Embedder#unshared()} instance, so what the rest
 * of the suite loaded into the shared one cannot hide a load.
 */
class WithoutEmbeddingModelTest {
  private static final LocalDate DAY = LocalDate.of(2023, 5, 8);

  /** A 4-turn conversation. */
  static History fourTurns() {
    return new History.Dialogue(
        List.of(
            new Turn(0, DAY, "Maria", "I adopted a grey cat called Pepper last Saturday."),
            new Turn(0, DAY, "Tom", "Nice! I started pottery classes in Oakland this spring."),
            new Turn(0, DAY, "Maria", "My sister Ana runs a marathon in Berlin in September."),
            new Turn(0, DAY, "Tom", "I will cheer for her; my knee still hurts from hiking.")));
  }

  @Test
  void bm25RecallAtTheLowTierBuildsAndRecallsWithoutLoadingTheModel() {
    Embedder embedder = Embedder.unshared();
    Memory memory =
        Memory.builder()
            .history(fourTurns())
            .chunkTokens(16)
            .topK(1)
            .retrieval(Retrieval.BM25)
            .tiers(TierChooser.fixed(MemoryTier.LOW))
            .embedder(embedder)
            .build();
    Recall recall = memory.recall("What is the name of Maria's cat?");

    assertThat(recall.retrieved()).extracting(Chunk::text).anyMatch(t -> t.contains("Pepper"));
    assertThat(recall.summary()).contains("Pepper");
    assertThat(memory.index().embedded()).isFalse();
    assertThat(embedder.loaded()).isFalse();
  }

  @Test
  void hybridRetrievalDoesLoadIt() {
    // the flag the first test reads is not vacuous: a memory that embeds loads the model
    Embedder embedder = Embedder.unshared();
    Memory.builder().history(fourTurns()).retrieval(Retrieval.HYBRID).embedder(embedder).build();
    assertThat(embedder.loaded()).isTrue();
  }

  @Test
  void anEmbeddingFilterAfterBm25RetrievalEmbedsOnDemand() {
    Embedder embedder = Embedder.unshared();
    Memory memory =
        Memory.builder()
            .history(fourTurns())
            .chunkTokens(16)
            .retrieval(Retrieval.BM25)
            .axis(Axis.IMPLEMENTATION)
            .tiers(TierChooser.fixed(MemoryTier.MID))
            .embedder(embedder)
            .build();
    assertThat(embedder.loaded()).isFalse();
    Recall recall = memory.recall("Where does Ana run a marathon?");
    assertThat(recall.summary()).contains("Berlin");
    assertThat(embedder.loaded()).isTrue();
  }

  @Test
  void aBm25OnlyIndexRefusesAnEmbeddingRankingAndSaysWhatToDo() {
    Memory memory =
        Memory.builder()
            .history(fourTurns())
            .retrieval(Retrieval.BM25)
            .embedder(Embedder.unshared())
            .build();
    ChunkIndex index = memory.index();
    assertThatThrownBy(() -> index.top(new float[Embedder.DIMENSION], 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BM25 only")
        .hasMessageContaining("ChunkIndex.build(chunks, embedder)");
  }
}
