package dev.frugal.testbed.router;

import dev.frugal.router.Baselines;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RoutingPolicy;
import dev.frugal.router.policy.PolicyNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing policies by name, as the CLI takes them: {@code default} (the router trained for the
 * simulated pair and shipped in this jar, see {@code
 * dev/frugal/testbed/router/default/TRAINING.md}), a baseline ({@code always-small}, {@code
 * always-large}, {@code random-P}, {@code first-large-K}), or the folder of a trained policy
 * ({@code policy.json} + {@code policy.params}). Learned policies decide greedily; each network is
 * loaded once per process and shared (inference is thread-safe).
 */
public final class Routers {
  /** The class-path folder of the shipped default router. */
  public static final String DEFAULT_RESOURCE = "/dev/frugal/testbed/router/default";

  /** The valid policy names, for error messages. */
  public static final String VALID =
      "default, always-small, always-large, small-first-K, first-large-K (K >= 0), random-P (P in"
          + " [0, 1]), or the folder of a trained policy (written by 'frugal router train')";

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
      PolicyNetwork net =
          LOADED.computeIfAbsent(
              s, k -> NeuralPolicy.loadResource(Routers.class, DEFAULT_RESOURCE));
      return new NeuralPolicy("default", net, NeuralPolicy.Mode.GREEDY);
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
}
