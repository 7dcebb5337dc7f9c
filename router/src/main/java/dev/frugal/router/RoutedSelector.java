package dev.frugal.router;

import dev.frugal.core.ModelSelection;
import dev.frugal.core.ModelSelector;
import dev.frugal.core.NamedModel;
import dev.frugal.router.features.RouterFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A {@link ModelSelector} that routes every model call of a run (any strategy, any purpose) to a
 * SMALL or a LARGE model, as a {@link RoutingPolicy} decides, under the <b>hard-budget mask</b>.
 *
 * <p><b>The mask is always on.</b> LARGE is used only when the ledger this call is charged to can
 * pay for it with the step's full output allowance ({@link ModelSelection#affordableInFull}: the
 * request's {@code maxOutputTokens} on LARGE, against every cap, dollars and a cap on LARGE calls
 * set with {@code Budget.modelCalls(largeName, n)} included); otherwise the call falls back to
 * SMALL, whatever the policy said. A LARGE call that fits only with a shortened reply is not
 * bought: the engine would cut the reply to what is left, and a full SMALL reply is worth more than
 * a crippled LARGE one (docs/router.md). So a router never makes the engine refuse a call it could
 * have made on SMALL, and never spends LARGE calls or dollars the budget does not have. (The ledger
 * enforces every cap in any case; the mask keeps the run going on SMALL instead of being refused.)
 *
 * <p>One selector serves one run at a time when its policy draws random numbers: it owns the run's
 * generator, seeded at build time, so a run is reproducible. Thread-safe.
 */
public final class RoutedSelector implements ModelSelector {
  private final NamedModel small;
  private final NamedModel large;
  private final RoutingPolicy policy;
  private final SplittableRandom random;
  private final List<DecisionListener> listeners;

  private RoutedSelector(Builder b) {
    this.small = b.small;
    this.large = b.large;
    this.policy = b.policy;
    this.random = new SplittableRandom(b.seed);
    this.listeners = List.copyOf(b.listeners);
  }

  /** Starts building a selector. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy proposing each tier (before the mask). */
  public RoutingPolicy policy() {
    return policy;
  }

  @Override
  public NamedModel select(ModelSelection selection) {
    float[] features = RouterFeatures.of(selection, small.name(), large.name());
    RouteState state = new RouteState(selection, small.name(), large.name(), features);
    double p = policy.largeProbability(state);
    Tier proposed;
    synchronized (random) {
      proposed = policy.choose(p, random);
    }
    Tier chosen = mask(proposed, selection, large.name());
    if (!listeners.isEmpty()) {
      Decision d =
          new Decision(
              selection.runId(),
              selection.step(),
              selection.purpose(),
              features,
              p,
              proposed,
              chosen);
      for (DecisionListener l : listeners) l.decided(d);
    }
    return chosen == Tier.LARGE ? large : small;
  }

  /**
   * The hard-budget mask: LARGE only when the charged ledger can pay for it with the full output
   * allowance, else SMALL.
   */
  public static Tier mask(Tier proposed, ModelSelection selection, String largeName) {
    if (proposed == Tier.LARGE && !selection.affordableInFull(largeName)) return Tier.SMALL;
    return proposed;
  }

  @Override
  public List<NamedModel> models() {
    return List.of(small, large);
  }

  /** Builds a {@link RoutedSelector}; the two models and the policy are required. */
  public static final class Builder {
    private NamedModel small;
    private NamedModel large;
    private RoutingPolicy policy;
    private long seed;
    private final List<DecisionListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The SMALL model; required. */
    public Builder small(NamedModel small) {
      this.small = Objects.requireNonNull(small, "small");
      return this;
    }

    /** The LARGE model; required. */
    public Builder large(NamedModel large) {
      this.large = Objects.requireNonNull(large, "large");
      return this;
    }

    /** The routing policy; required. */
    public Builder policy(RoutingPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Seeds the run's random draws (random-p, sampled policies). Default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Receives every decision (e.g. to collect training data). */
    public Builder listener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds the selector. */
    public RoutedSelector build() {
      if (small == null || large == null) {
        throw new IllegalStateException(
            "a router needs both models: call small(...) and large(...)");
      }
      if (small.name().equals(large.name())) {
        throw new IllegalStateException(
            "the small and the large model must have different names, both are '"
                + small.name()
                + "'");
      }
      if (policy == null) {
        throw new IllegalStateException(
            "no policy: call policy(...) with a baseline (Baselines.alwaysSmall(), ...) or a"
                + " NeuralPolicy");
      }
      return new RoutedSelector(this);
    }
  }
}
