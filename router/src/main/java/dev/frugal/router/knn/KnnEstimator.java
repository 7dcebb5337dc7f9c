package dev.frugal.router.knn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The neighbour rule of the kNN router (docs/extras.md, "The V0-style router"): a model's chance of
 * success on a question is the mean success of the {@code k} logged questions most similar to it
 * (cosine similarity of the embeddings) among those the model ran, shrunk toward the model's
 * success rate over the whole history by {@code prior} pseudo-questions:
 *
 * <pre>p_hat = (s_1 + ... + s_n + prior * base) / (n + prior),  n = min(k, questions the model ran)
 * </pre>
 *
 * and its cost the same average of the neighbours' mean dollars (shrunk toward the model's mean
 * cost). Equal similarities keep the history's order. Thread-safe (immutable).
 */
public final class KnnEstimator {
  /**
   * One model's prediction for one question.
   *
   * @param model the model
   * @param success the predicted chance of success, in [0, 1]
   * @param usd the predicted cost in dollars
   * @param neighbours how many logged questions it rests on (at most k)
   */
  public record Estimate(String model, double success, double usd, int neighbours) {}

  private final KnnHistory history;

  /** An estimator over {@code history}, with its {@link KnnHistory#settings() settings}. */
  public KnnEstimator(KnnHistory history) {
    this.history = Objects.requireNonNull(history, "history");
  }

  /** The history it predicts from. */
  public KnnHistory history() {
    return history;
  }

  /**
   * The prediction for {@code model} on a question with embedding {@code query}.
   *
   * @throws IllegalArgumentException when the history has no outcome of {@code model}, or the query
   *     has another length than the history's vectors
   */
  public Estimate estimate(float[] query, String model) {
    if (query.length != history.dimension()) {
      throw new IllegalArgumentException(
          "the question's embedding has "
              + query.length
              + " values; the kNN history was fitted with "
              + history.embedding()
              + " ("
              + history.dimension()
              + " values): embed questions with the same model");
    }
    List<double[]> ran = new ArrayList<>(); // {similarity, success, usd, order}
    double baseSuccess = 0;
    double baseUsd = 0;
    List<LoggedQuestion> qs = history.questions();
    for (int i = 0; i < qs.size(); i++) {
      Outcome o = qs.get(i).outcomes().get(model);
      if (o == null) continue;
      ran.add(new double[] {cosine(query, qs.get(i).embedding()), o.success(), o.usd(), i});
      baseSuccess += o.success();
      baseUsd += o.usd();
    }
    if (ran.isEmpty()) {
      throw new IllegalArgumentException(
          "the kNN history has no outcome of model '"
              + model
              + "' (it has "
              + history.models()
              + "); fit it on episodes of that model ('./frugal router fit-knn')");
    }
    baseSuccess /= ran.size();
    baseUsd /= ran.size();
    ran.sort(
        Comparator.comparingDouble((double[] r) -> -r[0])
            .thenComparingDouble((double[] r) -> r[3]));
    int n = Math.min(history.settings().k(), ran.size());
    double s = 0;
    double c = 0;
    for (int i = 0; i < n; i++) {
      s += ran.get(i)[1];
      c += ran.get(i)[2];
    }
    double prior = history.settings().prior();
    return new Estimate(
        model, (s + prior * baseSuccess) / (n + prior), (c + prior * baseUsd) / (n + prior), n);
  }

  /** The cosine similarity of two vectors of equal length (0 when either is all zeros). */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
