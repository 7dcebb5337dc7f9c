package dev.frugal.router.knn;

import dev.frugal.router.RouteState;
import dev.frugal.router.RoutingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The V0-style router as a {@link RoutingPolicy} (docs/extras.md, "The V0-style router"): it embeds
 * the run's question, predicts each model's success and cost with a {@link KnnEstimator}, and sends
 * every call of the run to the model with the largest {@code p_hat - lambda * usd_hat} (equal
 * scores: the cheaper prediction, then SMALL). It decides per question, not per step; the {@link
 * dev.frugal.router.RoutedSelector}'s hard-budget mask still turns a LARGE the budget cannot pay
 * for into SMALL. Decisions are kept per question text (embedding once per question). Thread-safe.
 */
public final class KnnPolicy implements RoutingPolicy {
  /**
   * The decision for one question.
   *
   * @param model the chosen model
   * @param estimates each candidate's prediction, in the order they were offered
   * @param scores each candidate's {@code p_hat - lambda * usd_hat}, in the same order
   */
  public record Choice(String model, List<KnnEstimator.Estimate> estimates, List<Double> scores) {}

  private static final int MAX_CACHED = 100_000;

  private final String name;
  private final KnnEstimator estimator;
  private final Function<String, float[]> embedding;
  private final Map<String, Choice> decided = new ConcurrentHashMap<>();

  /**
   * @param history the fitted history (its settings give k, the prior and lambda)
   * @param embedding the embedding that fitted the history (e.g. {@link MiniLmEmbedding#shared()})
   */
  public KnnPolicy(KnnHistory history, Function<String, float[]> embedding) {
    this("knn", history, embedding);
  }

  /**
   * @param name the name in reports (e.g. {@code knn-l10} for a history fitted with lambda 10), so
   *     that several fitted histories in one bench stay apart
   * @param history the fitted history (its settings give k, the prior and lambda)
   * @param embedding the embedding that fitted the history
   */
  public KnnPolicy(String name, KnnHistory history, Function<String, float[]> embedding) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a name is required");
    this.name = name;
    this.estimator = new KnnEstimator(history);
    this.embedding = Objects.requireNonNull(embedding, "embedding");
  }

  @Override
  public String name() {
    return name;
  }

  /** The history it routes with. */
  public KnnHistory history() {
    return estimator.history();
  }

  /**
   * Checks that the history has outcomes of both models of a pair, before any run.
   *
   * @throws IllegalArgumentException naming the models the history has
   */
  public void requireModels(String... models) {
    List<String> have = estimator.history().models();
    for (String m : models) {
      if (!have.contains(m)) {
        throw new IllegalArgumentException(
            "the kNN history has no outcome of model '"
                + m
                + "' (it has "
                + have
                + "); fit it on episodes where "
                + m
                + " ran, e.g. bench --models router:SMALL/LARGE:always-small and"
                + " router:SMALL/LARGE:always-large --episodes FILE, then './frugal router"
                + " fit-knn --from FILE'");
      }
    }
  }

  @Override
  public double largeProbability(RouteState state) {
    Choice c = choose(state.selection().question(), List.of(state.small(), state.large()));
    return c.model().equals(state.large()) ? 1 : 0;
  }

  /** The decision for {@code question} among {@code models} (cached per question and models). */
  public Choice choose(String question, List<String> models) {
    String key = String.join("\u0000", models) + "\u0001" + question;
    Choice c = decided.get(key);
    if (c != null) return c;
    float[] q = embedding.apply(question);
    List<KnnEstimator.Estimate> es = new ArrayList<>();
    for (String m : models) es.add(estimator.estimate(q, m));
    c = argmax(es, estimator.history().settings().lambda());
    if (decided.size() >= MAX_CACHED) decided.clear();
    decided.put(key, c);
    return c;
  }

  /**
   * The argmax of {@code success - lambda * usd} over {@code estimates}; equal scores go to the
   * lower predicted cost, then to the earlier estimate.
   */
  public static Choice argmax(List<KnnEstimator.Estimate> estimates, double lambda) {
    if (estimates.isEmpty()) throw new IllegalArgumentException("no models to choose from");
    List<Double> scores = new ArrayList<>();
    int best = 0;
    for (int i = 0; i < estimates.size(); i++) {
      KnnEstimator.Estimate e = estimates.get(i);
      double s = e.success() - lambda * e.usd();
      scores.add(s);
      KnnEstimator.Estimate b = estimates.get(best);
      double bs = scores.get(best);
      if (s > bs || (s == bs && e.usd() < b.usd())) best = i;
    }
    return new Choice(estimates.get(best).model(), List.copyOf(estimates), List.copyOf(scores));
  }
}
