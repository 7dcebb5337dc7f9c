package dev.frugal.memory.routing;

import ai.djl.Device;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.router.policy.ActorCriticNetwork;
import dev.frugal.router.policy.FeatureSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The learned tier chooser. Its input is [query embedding, module-state embedding,
 * module-description embedding] (3 x 384 values, {@link #SCHEMA}); at inference it picks the most
 * probable allowed tier. State embeddings are cached (the same state text recurs across queries).
 */
public final class TierRouter implements TierChooser, AutoCloseable {
  /** The feature schema of the router's network. */
  public static final FeatureSchema SCHEMA = schema();

  /** Where the shipped default router lives on the class path. */
  public static final String DEFAULT_RESOURCE = "/dev/frugal/memory/routing/default";

  private static final List<String> ACTIONS = List.of("LOW", "MID", "HIGH");
  private static final int CACHE = 4096;

  private final ActorCriticNetwork net;
  private final Embedder embedder;
  private final Map<Module, float[]> descriptions = new EnumMap<>(Module.class);
  private final Map<String, float[]> stateCache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> e) {
              return size() > CACHE;
            }
          });

  private TierRouter(ActorCriticNetwork net, Embedder embedder) {
    this.net = net;
    this.embedder = embedder;
    for (Module m : Module.values()) descriptions.put(m, embedder.embed(m.description()));
  }

  /** A new, untrained router (weights from the engine's seed {@code seed}). */
  public static TierRouter untrained(long seed, List<Integer> hidden, Device device, Embedder e) {
    dev.frugal.router.policy.PolicyNetwork.seed(seed);
    return new TierRouter(ActorCriticNetwork.create(SCHEMA, ACTIONS, hidden, device), e);
  }

  /** A router saved by {@link #save}. */
  public static TierRouter load(Path dir, Embedder e) {
    return new TierRouter(ActorCriticNetwork.load(dir, SCHEMA), e);
  }

  /** The router that ships with Frugal (trained on HotpotQA dev data only; see its notes). */
  public static TierRouter loadDefault(Embedder e) {
    return new TierRouter(
        ActorCriticNetwork.loadResource(TierRouter.class, DEFAULT_RESOURCE, SCHEMA), e);
  }

  /** The actor-critic network behind this router. */
  public ActorCriticNetwork network() {
    return net;
  }

  /** Saves the network to {@code dir}, with {@code notes} in its metadata. */
  public void save(Path dir, Map<String, Object> notes) {
    net.save(dir, notes);
  }

  /** The network's input for {@code module} in {@code situation}. */
  public float[] features(Module module, Situation situation) {
    float[] state = stateCache.computeIfAbsent(situation.state(), embedder::embed);
    float[] d = descriptions.get(module);
    int w = Embedder.DIMENSION;
    float[] x = new float[3 * w];
    System.arraycopy(situation.queryVector(), 0, x, 0, w);
    System.arraycopy(state, 0, x, w, w);
    System.arraycopy(d, 0, x, 2 * w, w);
    return x;
  }

  static boolean[] mask(Set<MemoryTier> allowed) {
    boolean[] m = new boolean[MemoryTier.values().length];
    for (MemoryTier t : allowed) m[t.ordinal()] = true;
    return m;
  }

  @Override
  public MemoryTier choose(Module module, Situation situation, Set<MemoryTier> allowed) {
    float[] p = net.evaluate(features(module, situation), mask(allowed)).probabilities();
    int best = -1;
    for (MemoryTier t : allowed) {
      if (best < 0 || p[t.ordinal()] > p[best]) best = t.ordinal();
    }
    return MemoryTier.values()[best];
  }

  /** One decision a {@link Sampler} took, with what PPO needs. */
  public record Decision(
      Module module, float[] features, boolean[] allowed, int action, float logProb, float value) {}

  /** A chooser that samples tiers from the policy and records every decision (training). */
  public Sampler sampler(Random random) {
    return new Sampler(random);
  }

  /** Samples tiers and records decisions; one per episode (not thread-safe). */
  public final class Sampler implements TierChooser {
    private final Random random;
    private final List<Decision> decisions = new ArrayList<>();

    private Sampler(Random random) {
      this.random = random;
    }

    @Override
    public MemoryTier choose(Module module, Situation situation, Set<MemoryTier> allowed) {
      float[] x = features(module, situation);
      boolean[] m = mask(allowed);
      ActorCriticNetwork.Output out = net.evaluate(x, m);
      float[] p = out.probabilities();
      double u = random.nextDouble();
      int pick = -1;
      double acc = 0;
      for (int i = 0; i < p.length; i++) {
        if (!m[i]) continue;
        acc += p[i];
        pick = i;
        if (u < acc) break;
      }
      decisions.add(
          new Decision(
              module, x, m, pick, (float) Math.log(Math.max(p[pick], 1e-12)), out.value()));
      return MemoryTier.values()[pick];
    }

    /** The decisions taken so far, in order. */
    public List<Decision> decisions() {
      return List.copyOf(decisions);
    }

    /** Forgets the recorded decisions (before the next episode). */
    public void reset() {
      decisions.clear();
    }
  }

  @Override
  public void close() {
    net.close();
  }

  private static FeatureSchema schema() {
    List<String> names = new ArrayList<>();
    for (String part : List.of("query", "state", "module")) {
      for (int i = 0; i < Embedder.DIMENSION; i++) names.add(part + "." + i);
    }
    return new FeatureSchema("budgetmem-tier-router", 1, names);
  }
}
