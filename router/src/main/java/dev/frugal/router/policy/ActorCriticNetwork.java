package dev.frugal.router.policy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * An actor-critic MLP on DJL's PyTorch engine: a shared trunk (ReLU layers) under two heads, one
 * giving a logit per action, one a state value. Trained with PPO over {@link PpoGroup}s, where the
 * probability ratio of a group of decisions is the exponential of the summed log-probability
 * differences (BudgetMem's joint ratio over its module decisions). Actions a decision did not allow
 * are masked out of the softmax.
 *
 * <p>Saved like {@link PolicyNetwork} (a folder with {@code policy.json} and {@code policy.params},
 * format {@value #FORMAT}), on the device {@link Devices} picks. Inference is thread-safe; training
 * must not run concurrently with anything else on the same network.
 */
public final class ActorCriticNetwork extends DjlNetwork {
  /** The value of {@code format} in {@code policy.json}. */
  public static final String FORMAT = "frugal-actor-critic";

  /** The version of the saved layout this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final float MASKED = -1e9f;

  private ActorCriticNetwork(
      FeatureSchema schema, List<String> actions, List<Integer> hidden, Device device) {
    super(
        "frugal-actor-critic",
        "network",
        schema,
        actions,
        hidden,
        device,
        new ParallelBlock(
            list -> new NDList(concatHeads(list)),
            List.of(
                Linear.builder().setUnits(actions.size()).build(),
                Linear.builder().setUnits(1).build())),
        Loss.l2Loss());
  }

  private static NDArray concatHeads(List<NDList> heads) {
    return heads.get(0).head().concat(heads.get(1).head(), 1);
  }

  /** A new, untrained network. */
  public static ActorCriticNetwork create(
      FeatureSchema schema, List<String> actions, List<Integer> hidden, Device device) {
    Objects.requireNonNull(schema, "schema");
    if (actions == null || actions.size() < 2) {
      throw new IllegalArgumentException(
          "an actor-critic needs at least two actions, got " + actions);
    }
    if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h < 1)) {
      throw new IllegalArgumentException(
          "hidden layer sizes must be >= 1 (at least one), got " + hidden);
    }
    return new ActorCriticNetwork(
        schema, actions, hidden, device == null ? Devices.configured() : device);
  }

  /** One decision's output: a probability per action (masked ones 0) and the state value. */
  public record Output(float[] probabilities, float value) {}

  /** The policy and value for one feature vector with {@code allowed} actions (null: all). */
  public Output evaluate(float[] features, boolean[] allowed) {
    checkWidth(features);
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray out = forward(m, new float[][] {features}, false);
      NDArray logits = out.get(new NDIndex(":, 0:" + actions.size()));
      logits = logits.add(m.create(new float[][] {penalty(allowed)}));
      float[] p = logits.softmax(1).toFloatArray();
      float v = out.get(new NDIndex(":, " + actions.size())).toFloatArray()[0];
      return new Output(p, v);
    }
  }

  /**
   * One PPO update over {@code groups}: {@code options.epochs()} passes in shuffled mini-batches,
   * minimising {@code -min(r A, clip(r, 1-e, 1+e) A) + c_v (V - target)^2 - c_e H}, where {@code r}
   * is the group's joint ratio and {@code V} the mean value of its decisions. Returns the mean loss
   * of each epoch.
   */
  public List<Double> ppoUpdate(List<PpoGroup> groups, PpoOptions options) {
    if (groups.isEmpty()) throw new IllegalArgumentException("no PPO groups to train on");
    for (PpoGroup g : groups) for (float[] f : g.features()) checkWidth(f);
    Trainer t = trainer(options.learningRate());
    List<PpoGroup> order = new ArrayList<>(groups);
    Random shuffle = new Random(options.seed());
    List<Double> losses = new ArrayList<>();
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      Collections.shuffle(order, shuffle);
      double sum = 0;
      for (int from = 0; from < order.size(); from += options.miniBatch()) {
        List<PpoGroup> batch =
            order.subList(from, Math.min(order.size(), from + options.miniBatch()));
        sum += step(t, batch, options) * batch.size();
      }
      losses.add(sum / order.size());
    }
    return losses;
  }

  private double step(Trainer t, List<PpoGroup> batch, PpoOptions o) {
    int a = actions.size();
    int n = 0;
    for (PpoGroup g : batch) n += g.actions().length;
    float[][] x = new float[n][];
    float[][] mask = new float[n][];
    int[] act = new int[n];
    float[][] member = new float[batch.size()][n];
    float[][] meanOf = new float[batch.size()][n];
    float[] old = new float[batch.size()];
    float[] adv = new float[batch.size()];
    float[] target = new float[batch.size()];
    int row = 0;
    for (int gi = 0; gi < batch.size(); gi++) {
      PpoGroup g = batch.get(gi);
      for (int d = 0; d < g.actions().length; d++, row++) {
        x[row] = g.features()[d];
        mask[row] = penalty(g.allowed()[d]);
        act[row] = g.actions()[d];
        member[gi][row] = 1;
        meanOf[gi][row] = 1f / g.actions().length;
      }
      old[gi] = g.oldLogProb();
      adv[gi] = g.advantage();
      target[gi] = g.target();
    }
    double value;
    try (NDManager m = t.getManager().newSubManager();
        GradientCollector gc = t.newGradientCollector()) {
      NDArray out = t.forward(new NDList(m.create(x))).head();
      NDArray logits = out.get(new NDIndex(":, 0:" + a)).add(m.create(mask));
      NDArray logp = logits.logSoftmax(1);
      NDArray chosen = logp.mul(m.create(act).oneHot(a)).sum(new int[] {1}); // [n]
      NDArray groupLogp = m.create(member).matMul(chosen.reshape(n, 1)).reshape(batch.size());
      NDArray ratio = groupLogp.sub(m.create(old)).exp();
      NDArray advantage = m.create(adv);
      NDArray surr1 = ratio.mul(advantage);
      NDArray surr2 = ratio.clip(1 - o.clip(), 1 + o.clip()).mul(advantage);
      NDArray policyLoss = surr1.minimum(surr2).mean().neg();
      NDArray values = out.get(new NDIndex(":, " + a)).reshape(n, 1);
      NDArray groupValue = m.create(meanOf).matMul(values).reshape(batch.size());
      NDArray valueLoss = groupValue.sub(m.create(target)).square().mean();
      NDArray entropy = logp.exp().mul(logp).sum(new int[] {1}).neg().mean();
      NDArray loss = policyLoss.add(valueLoss.mul(o.valueCoef())).sub(entropy.mul(o.entropyCoef()));
      value = loss.getFloat();
      gc.backward(loss);
    }
    AdamSteps.step(t);
    return value;
  }

  private NDArray forward(NDManager m, float[][] x, boolean training) {
    return model
        .getBlock()
        .forward(new ParameterStore(m, false), new NDList(m.create(x)), training)
        .head();
  }

  private float[] penalty(boolean[] allowed) {
    float[] p = new float[actions.size()];
    if (allowed == null) return p;
    if (allowed.length != actions.size()) {
      throw new IllegalArgumentException(
          "allowed has " + allowed.length + " entries; this network has actions " + actions);
    }
    boolean any = false;
    for (int i = 0; i < p.length; i++) {
      p[i] = allowed[i] ? 0 : MASKED;
      any |= allowed[i];
    }
    if (!any) throw new IllegalArgumentException("no action allowed");
    return p;
  }

  /** Writes {@code policy.json} and {@code policy.params} into {@code dir}. */
  public void save(Path dir, Map<String, Object> notes) {
    save(dir, FORMAT, FORMAT_VERSION, notes);
  }

  /** Loads a network saved by {@link #save} from {@code dir}. */
  public static ActorCriticNetwork load(Path dir, FeatureSchema expected) {
    return load(
        NetworkFiles.folder(
            dir,
            "no saved actor-critic in "
                + dir
                + ": expected "
                + NetworkFiles.META
                + " and "
                + NetworkFiles.PARAMS
                + " written by ActorCriticNetwork.save"),
        expected);
  }

  /** Loads a network shipped as class-path resources {@code prefix/policy.*}. */
  public static ActorCriticNetwork loadResource(
      Class<?> anchor, String prefix, FeatureSchema expected) {
    return load(NetworkFiles.resource(anchor, prefix, "actor-critic"), expected);
  }

  private static ActorCriticNetwork load(NetworkFiles.Source from, FeatureSchema expected) {
    NetworkFiles.Header saved =
        NetworkFiles.header(from, FORMAT, FORMAT_VERSION, expected, "network");
    ActorCriticNetwork net =
        new ActorCriticNetwork(saved.schema, saved.actions, saved.hidden, Devices.configured());
    net.readParameters(from);
    return net;
  }
}
