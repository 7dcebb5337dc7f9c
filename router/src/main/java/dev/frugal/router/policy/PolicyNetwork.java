package dev.frugal.router.policy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A small multi-layer perceptron that maps a feature vector to a probability per action, built,
 * trained, saved and loaded with DJL's PyTorch engine.
 *
 * <p>Training minimises the weighted negative log-likelihood {@code -mean(w * log pi(a | x))} with
 * Adam: with weights of 1 this is supervised cross-entropy on labels; with advantages as weights it
 * is a REINFORCE policy-gradient step. One primitive serves both, and any future policy (the memory
 * tier router) reuses it.
 *
 * <p>A saved network is a folder with {@code policy.json} (format version, {@link FeatureSchema},
 * actions, hidden layer sizes, free-form notes on how it was trained) and {@code policy.params}
 * (DJL's parameter stream). Loading checks the schema against what the caller will feed it.
 *
 * <p>Inference ({@link #probabilities}) is thread-safe; training must not run concurrently with
 * anything else on the same network. The device is chosen by {@link Devices} unless given.
 */
public final class PolicyNetwork extends DjlNetwork {
  /** The value of {@code format} in {@code policy.json}. */
  public static final String FORMAT = "frugal-policy";

  /** The version of the saved layout this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  static final String META = NetworkFiles.META;
  static final String PARAMS = NetworkFiles.PARAMS;

  private PolicyNetwork(
      FeatureSchema schema, List<String> actions, List<Integer> hidden, Device device) {
    super(
        "frugal-policy",
        "policy",
        schema,
        actions,
        hidden,
        device,
        DjlNetwork.<Block>as(Linear.builder().setUnits(actions.size()).build()),
        DjlNetwork.<Loss>as(Loss.softmaxCrossEntropyLoss()));
  }

  /** Starts a new, untrained network. */
  public static Builder builder() {
    return new Builder();
  }

  /** The probability of each action for one feature vector. */
  public float[] probabilities(float[] features) {
    return probabilities(new float[][] {features})[0];
  }

  /** The probability of each action for each row of {@code batch}. */
  public float[][] probabilities(float[][] batch) {
    for (float[] row : batch) checkWidth(row);
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(batch);
      NDArray logits =
          model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).head();
      float[] flat = logits.softmax(1).toFloatArray();
      float[][] out = new float[batch.length][actions.size()];
      for (int i = 0; i < batch.length; i++) {
        System.arraycopy(flat, i * actions.size(), out[i], 0, actions.size());
      }
      return out;
    }
  }

  /** The most likely action for one feature vector. */
  public int argmax(float[] features) {
    float[] p = probabilities(features);
    int best = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    return best;
  }

  /**
   * Fits the network to {@code examples} by minimising the weighted negative log-likelihood with
   * Adam, and returns the mean loss of each epoch.
   */
  public List<Double> train(List<Example> examples, TrainingOptions options) {
    if (examples.isEmpty()) throw new IllegalArgumentException("no examples to train on");
    for (Example e : examples) {
      checkWidth(e.features());
      if (e.action() >= actions.size()) {
        throw new IllegalArgumentException(
            "action " + e.action() + " out of range; this network has actions " + actions);
      }
    }
    List<Example> order = new ArrayList<>(examples);
    Random shuffle = new Random(options.seed());
    List<Double> losses = new ArrayList<>();
    Trainer trainer = trainer(options.learningRate());
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      java.util.Collections.shuffle(order, shuffle);
      double sum = 0;
      for (int from = 0; from < order.size(); from += options.batchSize()) {
        List<Example> batch =
            order.subList(from, Math.min(order.size(), from + options.batchSize()));
        sum += step(trainer, batch) * batch.size();
      }
      losses.add(sum / order.size());
    }
    return losses;
  }

  /**
   * One BoPO update (docs/router.md): minimises the PPO clipped surrogate with a KL penalty to a
   * reference policy,
   *
   * <pre>
   * L = -mean( rho * min(ratio * A, clip(ratio, 1 - eps, 1 + eps) * A) )
   *     + beta * mean( KL(pi_ref(.|x) || pi(.|x)) )
   * </pre>
   *
   * where {@code ratio = pi(a|x) / pi_old(a|x)}, {@code rho = pi_old(a|x) / mu(a|x)} corrects for
   * sampling from the exploration-floored {@code mu} instead of {@code pi_old}, and the KL term
   * keeps the policy near its SFT reference. Because {@code pi_old} stays fixed over the epochs of
   * one call, the clip stops each action's probability from moving by more than a factor {@code 1
   * +- eps} in the direction its advantage pushes. Returns the mean loss of each epoch.
   *
   * @param clip {@code eps}, in (0, 1) (PPO: 0.2)
   * @param klCoefficient {@code beta}, >= 0
   */
  public List<Double> trainClipped(
      List<ClippedExample> examples, TrainingOptions options, double clip, double klCoefficient) {
    if (examples.isEmpty()) throw new IllegalArgumentException("no examples to train on");
    if (!(clip > 0 && clip < 1))
      throw new IllegalArgumentException("clip must be in (0, 1), got " + clip);
    if (!(klCoefficient >= 0 && Double.isFinite(klCoefficient)))
      throw new IllegalArgumentException("klCoefficient must be >= 0, got " + klCoefficient);
    for (ClippedExample e : examples) {
      checkWidth(e.features());
      if (e.action() >= actions.size() || e.reference().length != actions.size()) {
        throw new IllegalArgumentException(
            "action "
                + e.action()
                + " or reference of width "
                + e.reference().length
                + " does not fit this network's actions "
                + actions);
      }
    }
    List<ClippedExample> order = new ArrayList<>(examples);
    Random shuffle = new Random(options.seed());
    List<Double> losses = new ArrayList<>();
    Trainer trainer = trainer(options.learningRate());
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      java.util.Collections.shuffle(order, shuffle);
      double sum = 0;
      for (int from = 0; from < order.size(); from += options.batchSize()) {
        List<ClippedExample> batch =
            order.subList(from, Math.min(order.size(), from + options.batchSize()));
        sum += clippedStep(trainer, batch, clip, klCoefficient) * batch.size();
      }
      losses.add(sum / order.size());
    }
    return losses;
  }

  private double clippedStep(
      Trainer trainer, List<ClippedExample> batch, double clip, double klCoefficient) {
    int n = batch.size();
    int k = actions.size();
    float[][] x = new float[n][];
    int[] a = new int[n];
    float[] adv = new float[n];
    float[] logOld = new float[n];
    float[] rho = new float[n];
    float[][] ref = new float[n][];
    float[] refEntropyTerm = new float[n]; // sum pi_ref log pi_ref, constant in theta
    for (int i = 0; i < n; i++) {
      ClippedExample e = batch.get(i);
      x[i] = e.features();
      a[i] = e.action();
      adv[i] = e.advantage();
      logOld[i] = (float) Math.log(e.oldProbability());
      rho[i] = e.importance();
      ref[i] = e.reference();
      double t = 0;
      for (float q : e.reference()) if (q > 0) t += q * Math.log(q);
      refEntropyTerm[i] = (float) t;
    }
    double value;
    try (NDManager m = trainer.getManager().newSubManager();
        GradientCollector gc = trainer.newGradientCollector()) {
      NDArray logits = trainer.forward(new NDList(m.create(x))).head();
      NDArray logp = logits.logSoftmax(1);
      NDArray logpA = logp.mul(m.create(a).oneHot(k)).sum(new int[] {1});
      NDArray ratio = logpA.sub(m.create(logOld)).exp();
      NDArray advantages = m.create(adv);
      NDArray surrogate =
          ratio
              .mul(advantages)
              .minimum(ratio.clip(1 - clip, 1 + clip).mul(advantages))
              .mul(m.create(rho));
      NDArray kl = m.create(refEntropyTerm).sub(logp.mul(m.create(ref)).sum(new int[] {1}));
      NDArray loss = surrogate.neg().add(kl.mul((float) klCoefficient)).mean();
      value = loss.getFloat();
      gc.backward(loss);
    }
    AdamSteps.step(trainer);
    return value;
  }

  private double step(Trainer trainer, List<Example> batch) {
    int n = batch.size();
    float[][] x = new float[n][];
    int[] a = new int[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = batch.get(i).features();
      a[i] = batch.get(i).action();
      w[i] = batch.get(i).weight();
    }
    double value;
    try (NDManager m = trainer.getManager().newSubManager();
        GradientCollector gc = trainer.newGradientCollector()) {
      NDArray logits = trainer.forward(new NDList(m.create(x))).head();
      NDArray picked =
          logits.logSoftmax(1).mul(m.create(a).oneHot(actions.size())).sum(new int[] {1});
      NDArray loss = picked.mul(m.create(w)).neg().mean();
      value = loss.getFloat();
      gc.backward(loss);
    }
    AdamSteps.step(trainer);
    return value;
  }

  /** Sets the engine's random seed, so that new networks start from the same weights. */
  public static void seed(long seed) {
    DjlEnvironment.ensureOffline();
    Engine.getEngine(DjlEnvironment.ENGINE).setRandomSeed((int) seed);
  }

  /**
   * Writes {@code policy.json} and {@code policy.params} into {@code dir} (created if missing).
   *
   * @param notes how the network was trained, kept in {@code policy.json}
   */
  public void save(Path dir, Map<String, Object> notes) {
    save(dir, FORMAT, FORMAT_VERSION, notes);
  }

  /**
   * Loads a network saved by {@link #save} from {@code dir}, on the {@link Devices#configured()}
   * device.
   *
   * @throws PolicySchemaException when it was trained on another feature schema than {@code
   *     expected}
   * @throws IllegalArgumentException when {@code dir} holds no saved policy
   */
  public static PolicyNetwork load(Path dir, FeatureSchema expected) {
    DjlEnvironment.requireDjl();
    return load(
        NetworkFiles.folder(
            dir,
            "no saved policy in "
                + dir
                + ": expected the files "
                + META
                + " and "
                + PARAMS
                + " written by PolicyNetwork.save (e.g. by 'frugal router train')"),
        expected,
        Devices.configured());
  }

  /**
   * Loads a network saved by {@link #save} and shipped as class-path resources {@code
   * prefix/policy.json} and {@code prefix/policy.params}.
   */
  public static PolicyNetwork loadResource(Class<?> anchor, String prefix, FeatureSchema expected) {
    DjlEnvironment.requireDjl();
    return load(NetworkFiles.resource(anchor, prefix, "policy"), expected, Devices.configured());
  }

  /** Reads just the notes of a saved policy (how it was trained). */
  public static Map<String, Object> notes(Path dir) {
    return NetworkFiles.notes(dir);
  }

  private static PolicyNetwork load(
      NetworkFiles.Source from, FeatureSchema expected, Device device) {
    Objects.requireNonNull(expected, "expected");
    NetworkFiles.Header saved =
        NetworkFiles.header(from, FORMAT, FORMAT_VERSION, expected, "policy");
    PolicyNetwork net = new PolicyNetwork(saved.schema, saved.actions, saved.hidden, device);
    net.readParameters(from);
    return net;
  }

  static String mismatch(String where, FeatureSchema saved, FeatureSchema expected) {
    StringBuilder sb =
        new StringBuilder("the policy in ")
            .append(where)
            .append(" was trained on feature schema ")
            .append(saved.describe())
            .append(" but is being loaded to read ")
            .append(expected.describe());
    List<String> missing = new ArrayList<>(expected.features());
    missing.removeAll(saved.features());
    List<String> extra = new ArrayList<>(saved.features());
    extra.removeAll(expected.features());
    if (!missing.isEmpty()) sb.append("; features it never saw: ").append(missing);
    if (!extra.isEmpty()) sb.append("; features it expects but would not get: ").append(extra);
    if (missing.isEmpty() && extra.isEmpty() && !saved.features().equals(expected.features())) {
      sb.append("; the same features in another order");
    }
    return sb.append(
            ". Retrain it on the current features (frugal router train) or load it with the"
                + " schema it was trained on.")
        .toString();
  }

  /** The network's block (for inspection and tests). */
  Block block() {
    return model.getBlock();
  }

  /** Builds an untrained {@link PolicyNetwork}; schema and actions are required. */
  public static final class Builder {
    private FeatureSchema schema;
    private List<String> actions;
    private List<Integer> hidden = List.of(32);
    private Device device;

    private Builder() {}

    /** The features the network reads; required. */
    public Builder schema(FeatureSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The action names, one output each (at least two). */
    public Builder actions(List<String> actions) {
      if (actions == null || actions.size() < 2) {
        throw new IllegalArgumentException("a policy needs at least two actions, got " + actions);
      }
      this.actions = List.copyOf(actions);
      return this;
    }

    /** Hidden layer sizes (ReLU after each); default one layer of 32 [choice]. */
    public Builder hidden(List<Integer> sizes) {
      if (sizes == null || sizes.stream().anyMatch(s -> s == null || s < 1)) {
        throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + sizes);
      }
      this.hidden = List.copyOf(sizes);
      return this;
    }

    /** The device; {@link Devices#configured()} when not set. */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Builds the network with fresh weights on the chosen device. */
    public PolicyNetwork build() {
      DjlEnvironment.requireDjl();
      if (schema == null) throw new IllegalStateException("no schema: call schema(FeatureSchema)");
      if (actions == null) throw new IllegalStateException("no actions: call actions(List)");
      return new PolicyNetwork(
          schema, actions, hidden, device == null ? Devices.configured() : device);
    }
  }
}
