package dev.frugal.memory;

import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;

/**
 * A benchmark, not a test: the time from a cold JVM to the first recall of a 4-turn LOW-tier
 * memory, with the retrieval named by the first argument (bm25, hybrid, embedding). Run each
 * retrieval in its own JVM (docs/memory.md, "Without the embedding model"): the embedding model's
 * load is paid once per process.
 */
public final class LowRecallBuildBenchmark {
  private LowRecallBuildBenchmark() {}

  public static void main(String[] args) {
    Retrieval retrieval = Retrieval.parse(args.length > 0 ? args[0] : "bm25");
    long start = System.nanoTime();
    Memory memory =
        Memory.builder()
            .history(WithoutEmbeddingModelTest.fourTurns())
            .retrieval(retrieval)
            .tiers(TierChooser.fixed(MemoryTier.LOW))
            .build();
    long built = System.nanoTime();
    Recall recall = memory.recall("What is the name of Maria's cat?");
    long recalled = System.nanoTime();
    System.out.printf(
        "retrieval=%s build=%d ms first recall=%d ms total=%d ms summary=%s%n",
        retrieval,
        (built - start) / 1_000_000,
        (recalled - built) / 1_000_000,
        (recalled - start) / 1_000_000,
        recall.summary().replace('\n', ' '));
  }
}
