package dev.frugal.examples.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one bench run sweeps.
 *
 * @param datasets dataset files, or {@code bundled}
 * @param extraCorpus paragraph files indexed beside every dataset as distractors
 * @param strategies strategy names (see {@link StrategyCatalog})
 * @param budgets units per tool ({@code search} and {@code open} each get this many)
 * @param models where the models come from
 * @param seeds how many seeds (0 .. seeds-1)
 * @param limit at most this many questions per dataset (0 = all)
 * @param threads episodes run in parallel
 * @param maxSteps step limit per episode
 * @param out output folder
 */
public record BenchConfig(
    List<String> datasets,
    List<Path> extraCorpus,
    List<String> strategies,
    List<Integer> budgets,
    List<ModelSource> models,
    int seeds,
    int limit,
    int threads,
    int maxSteps,
    Path out) {

  public BenchConfig {
    if (datasets.isEmpty()) throw new IllegalArgumentException("at least one dataset is needed");
    if (strategies.isEmpty()) throw new IllegalArgumentException("at least one strategy is needed");
    strategies.forEach(StrategyCatalog::get);
    if (budgets.isEmpty() || budgets.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("budgets must be positive unit counts, got " + budgets);
    }
    if (models.isEmpty()) throw new IllegalArgumentException("at least one model is needed");
    if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
  }
}
