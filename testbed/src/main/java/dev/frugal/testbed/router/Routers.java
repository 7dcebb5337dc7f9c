package dev.frugal.testbed.router;

import dev.frugal.router.Baselines;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RoutingPolicy;
import dev.frugal.router.knn.KnnHistory;
import dev.frugal.router.knn.KnnPolicy;
import dev.frugal.router.knn.MiniLmEmbedding;
import dev.frugal.router.policy.PolicyNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing policies by name, as the CLI takes them: {@code default} (see {@link #DEFAULT_POLICY}), a
 * baseline ({@code always-small}, {@code always-large}, {@code random-P}, {@code first-large-K},
 * {@code small-first-K}), {@code bopo-v1} (the learned router shipped before v3, see {@code
 * dev/frugal/testbed/router/default/TRAINING.md}), or the folder of a trained policy ({@code
 * policy.json} + {@code policy.params}), or {@code knn=FILE} / {@code knn} (the V0-style router
 * over a history fitted by {@code frugal router fit-knn}, default file {@value #KNN_DEFAULT_FILE};
 * docs/extras.md, "The V0-style router"). Learned policies decide greedily; each network is loaded
 * once per process and shared (inference is thread-safe).
 */
public final class Routers {
  /** The class-path folder of the shipped default router. */
  public static final String DEFAULT_RESOURCE = "/dev/frugal/testbed/router/default";

  /**
   * What {@code default} routes as: the routing heuristic with the best exact match per dollar on
   * the development split, because no learned router beat Small-First(k) and First-Large(k) there
   * (docs/router.md, "What ships (v3)"). A learned router becomes the default only when it does.
   */
  public static final String DEFAULT_POLICY = "first-large-1";

  /**
   * The learned router shipped before v3 (BoPO, lambda 0.5, schema version 1), kept in this jar
   * under {@link #DEFAULT_RESOURCE} for comparison; on simulator v2 it decides as always-large.
   */
  public static final String SHIPPED_V1 = "bopo-v1";

  /** The history file {@code knn} without {@code =FILE} reads (fit-knn's default output). */
  public static final String KNN_DEFAULT_FILE = "knn-history.jsonl";

  /** The valid policy names, for error messages. */
  public static final String VALID =
      "default, always-small, always-large, small-first-K, first-large-K (K >= 0), random-P (P in"
          + " [0, 1]), bopo-v1, the folder of a trained policy (written by 'frugal router"
          + " train'), or knn=FILE (a history written by 'frugal router fit-knn'; knn alone reads "
          + KNN_DEFAULT_FILE
          + ")";

  private static final Map<String, PolicyNetwork> LOADED = new ConcurrentHashMap<>();

  private Routers() {}

  /**
   * The policy {@code spec} names.
   *
   * @throws IllegalArgumentException listing the valid forms when {@code spec} is none of them
   */
  public static RoutingPolicy policy(String spec) {
    String s = spec == null ? "default" : spec.trim();
    if (s.equals("default")) {
      RoutingPolicy chosen = Baselines.named(DEFAULT_POLICY);
      return new RoutingPolicy() {
        @Override
        public String name() {
          return "default";
        }

        @Override
        public double largeProbability(dev.frugal.router.RouteState state) {
          return chosen.largeProbability(state);
        }
      };
    }
    if (s.equals("knn") || s.startsWith("knn=")) {
      return knn(s.equals("knn") ? KNN_DEFAULT_FILE : s.substring(4).trim());
    }
    if (s.equals(SHIPPED_V1)) {
      PolicyNetwork net =
          LOADED.computeIfAbsent(
              s, k -> NeuralPolicy.loadResource(Routers.class, DEFAULT_RESOURCE));
      return new NeuralPolicy(SHIPPED_V1, net, NeuralPolicy.Mode.GREEDY);
    }
    Path p = Path.of(s);
    if (Files.isDirectory(p)) {
      String key = p.toAbsolutePath().normalize().toString();
      PolicyNetwork net = LOADED.computeIfAbsent(key, k -> NeuralPolicy.load(p));
      return new NeuralPolicy(p.getFileName().toString(), net, NeuralPolicy.Mode.GREEDY);
    }
    try {
      return Baselines.named(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown router '" + spec + "'; valid: " + VALID);
    }
  }

  /**
   * The kNN router over the history in {@code file}, embedding questions with all-MiniLM-L6-v2 in
   * process.
   *
   * @throws IllegalArgumentException when the file is missing (saying how to fit it), is not a
   *     history, or was fitted with another embedding
   */
  public static KnnPolicy knn(String file) {
    if (file.isEmpty()) {
      throw new IllegalArgumentException(
          "knn= needs the history file, e.g. knn="
              + KNN_DEFAULT_FILE
              + " (from 'frugal router fit-knn')");
    }
    KnnHistory h = KnnHistory.read(Path.of(file));
    if (!h.embedding().equals(MiniLmEmbedding.NAME)) {
      throw new IllegalArgumentException(
          "the kNN history "
              + file
              + " was fitted with the embedding '"
              + h.embedding()
              + "'; the CLI embeds questions with "
              + MiniLmEmbedding.NAME
              + ": refit it with 'frugal router fit-knn'");
    }
    return new KnnPolicy(knnName(Path.of(file)), h, MiniLmEmbedding.shared());
  }

  /**
   * The report name of the kNN router over {@code file}: its file name without the extension,
   * prefixed with {@code knn-} unless it starts with {@code knn} (knn-l10.jsonl: knn-l10;
   * dev.jsonl: knn-dev), so that several fitted histories in one bench have their own rows.
   */
  static String knnName(Path file) {
    String stem = file.getFileName().toString();
    int dot = stem.lastIndexOf('.');
    if (dot > 0) stem = stem.substring(0, dot);
    stem = stem.replaceAll("[^A-Za-z0-9._=+-]", "_");
    return stem.startsWith("knn") ? stem : "knn-" + stem;
  }
}
