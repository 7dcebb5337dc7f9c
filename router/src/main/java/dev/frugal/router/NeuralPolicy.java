package dev.frugal.router;

import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.PolicyNetwork;
import java.util.random.RandomGenerator;

/**
 * A learned router: a {@link PolicyNetwork} over {@link RouterFeatures} with the actions SMALL and
 * LARGE. {@link Mode#GREEDY} (the default at run time [choice]) takes the more likely tier; {@link
 * Mode#SAMPLE} draws from the network's distribution, as training rollouts do. The network is
 * borrowed, not owned: closing it is the caller's business.
 */
public final class NeuralPolicy implements RoutingPolicy {
  /** How a tier is drawn from the network's probabilities. */
  public enum Mode {
    /** The more probable tier. */
    GREEDY,
    /** A tier drawn with the network's probabilities. */
    SAMPLE
  }

  private final String name;
  private final PolicyNetwork network;
  private final Mode mode;
  private final double exploration;

  /** A policy that samples, or not, without an exploration floor. */
  public NeuralPolicy(String name, PolicyNetwork network, Mode mode) {
    this(name, network, mode, 0);
  }

  /**
   * @param exploration in {@link Mode#SAMPLE}, P(LARGE) is kept within {@code [exploration, 1 -
   *     exploration]} so that training rollouts keep trying both tiers [choice: BoPO uses 0.1]
   * @throws IllegalArgumentException when the network reads none of {@link RouterFeatures#READABLE}
   *     (a version-1 network reads the first 23 features) or has other actions than SMALL, LARGE
   */
  public NeuralPolicy(String name, PolicyNetwork network, Mode mode, double exploration) {
    if (!(exploration >= 0 && exploration < 0.5)) {
      throw new IllegalArgumentException("exploration must be in [0, 0.5), got " + exploration);
    }
    if (!RouterFeatures.READABLE.contains(network.schema())) {
      throw new IllegalArgumentException(
          "a router network must read one of "
              + RouterFeatures.READABLE.stream()
                  .map(dev.frugal.router.policy.FeatureSchema::describe)
                  .toList()
              + ", this one reads "
              + network.schema().describe());
    }
    if (!network.actions().equals(java.util.List.of("SMALL", "LARGE"))) {
      throw new IllegalArgumentException(
          "a router network must have the actions [SMALL, LARGE], this one has "
              + network.actions());
    }
    this.name = name;
    this.network = network;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.exploration = exploration;
  }

  @Override
  public String name() {
    return name;
  }

  /** The network behind this policy. */
  public PolicyNetwork network() {
    return network;
  }

  @Override
  public double largeProbability(RouteState state) {
    float[] x = RouterFeatures.forSchema(state.features(), network.schema());
    return network.probabilities(x)[Tier.LARGE.ordinal()];
  }

  @Override
  public Tier choose(double p, RandomGenerator random) {
    if (mode == Mode.GREEDY) return p >= 0.5 ? Tier.LARGE : Tier.SMALL;
    double q = Math.max(exploration, Math.min(1 - exploration, p));
    return random.nextDouble() < q ? Tier.LARGE : Tier.SMALL;
  }

  /**
   * Loads a saved router network from the folder {@code dir}, trained on any schema of {@link
   * RouterFeatures#READABLE}.
   *
   * @throws dev.frugal.router.policy.PolicySchemaException naming the current schema and the saved
   *     one when it reads none of them
   */
  public static PolicyNetwork load(java.nio.file.Path dir) {
    return loadAny(schema -> PolicyNetwork.load(dir, schema));
  }

  /** As {@link #load(java.nio.file.Path)}, from the class-path folder {@code prefix}. */
  public static PolicyNetwork loadResource(Class<?> anchor, String prefix) {
    return loadAny(schema -> PolicyNetwork.loadResource(anchor, prefix, schema));
  }

  private static PolicyNetwork loadAny(
      java.util.function.Function<dev.frugal.router.policy.FeatureSchema, PolicyNetwork> loader) {
    dev.frugal.router.policy.PolicySchemaException first = null;
    for (dev.frugal.router.policy.FeatureSchema schema : RouterFeatures.READABLE) {
      try {
        return loader.apply(schema);
      } catch (dev.frugal.router.policy.PolicySchemaException e) {
        if (first == null) first = e;
      }
    }
    throw first;
  }
}
