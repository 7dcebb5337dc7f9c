package dev.frugal.testbed.bench;

import dev.frugal.core.budget.Budget;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
 * @param tokenCaps token caps aligned with {@code budgets} (the i-th budget gets the i-th cap), or
 *     empty for no token cap
 * @param tokenKind which tokens {@code tokenCaps} limit
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
    Path out,
    List<Integer> tokenCaps,
    TokenKind tokenKind) {

  /** Which tokens a token cap limits. */
  public enum TokenKind {
    /** Output (generated) tokens: the paper's token budget of BAVT. */
    OUTPUT,
    /** Input plus output tokens. */
    TOTAL,
    /** Input (prompt) tokens. */
    INPUT;

    /** Parses {@code output}, {@code total} or {@code input}. */
    public static TokenKind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "token kind must be output, total or input; got '" + s + "'");
      }
    }
  }

  /** A sweep without token caps. */
  public BenchConfig(
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
    this(
        datasets,
        extraCorpus,
        strategies,
        budgets,
        models,
        seeds,
        limit,
        threads,
        maxSteps,
        out,
        List.of(),
        TokenKind.OUTPUT);
  }

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
    tokenCaps = List.copyOf(tokenCaps);
    if (!tokenCaps.isEmpty() && tokenCaps.size() != budgets.size()) {
      throw new IllegalArgumentException(
          "token caps must be one per budget ("
              + budgets.size()
              + " for budgets "
              + budgets
              + "), got "
              + tokenCaps.size()
              + ": "
              + tokenCaps);
    }
    if (tokenCaps.stream().anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException("token caps must be positive, got " + tokenCaps);
    }
    java.util.Objects.requireNonNull(tokenKind, "tokenKind");
  }

  /**
   * The budget of one tier: {@code units} per tool ({@code search} and {@code open}), plus the
   * token cap aligned with it, if any.
   */
  public Budget budgetFor(int units) {
    Budget.Builder b = Budget.builder().toolUnits("search", units).toolUnits("open", units);
    int i = budgets.indexOf(units);
    if (!tokenCaps.isEmpty() && i >= 0) {
      long cap = tokenCaps.get(i);
      switch (tokenKind) {
        case OUTPUT -> b.outputTokens(cap);
        case TOTAL -> b.totalTokens(cap);
        case INPUT -> b.inputTokens(cap);
      }
    }
    return b.build();
  }
}
