package dev.frugal.router.policy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link PolicyNetwork} and {@link ActorCriticNetwork} share: a DJL model on one device made
 * of the ReLU trunk of {@link NetworkFiles#trunk} and a head of the subclass's choosing, its
 * feature schema and actions, an Adam trainer kept across updates while the learning rate stays the
 * same, the width check of every input row, and saving in the {@code policy.json} / {@code
 * policy.params} layout. Package-private: the two networks are the API.
 */
abstract class DjlNetwork implements AutoCloseable {
  final FeatureSchema schema;
  final List<String> actions;
  final List<Integer> hidden;
  final Model model;
  final Device device;
  private final String noun;
  private final Loss trainingLoss;
  private Trainer trainer;
  private float trainerRate;

  /**
   * @param modelName the DJL model's name
   * @param noun what the network is called in messages ("policy", "network")
   * @param head the output layer(s) placed on top of the trunk
   * @param trainingLoss the loss the trainer is created with (the updates compute their own)
   */
  DjlNetwork(
      String modelName,
      String noun,
      FeatureSchema schema,
      List<String> actions,
      List<Integer> hidden,
      Device device,
      Block head,
      Loss trainingLoss) {
    DjlEnvironment.ensureOffline();
    this.schema = schema;
    this.actions = List.copyOf(actions);
    this.hidden = List.copyOf(hidden);
    this.device = device;
    this.noun = noun;
    this.trainingLoss = trainingLoss;
    this.model = Model.newInstance(modelName, device, DjlEnvironment.ENGINE);
    SequentialBlock block = NetworkFiles.trunk(hidden);
    block.add(head);
    model.setBlock(as(block));
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, schema.size()));
  }

  /**
   * {@code o} as a {@code T} (a DJL type). Passing a DJL value through {@code Object} keeps the
   * class verifier from loading DJL to check an assignment when a network class is linked, so that
   * on a classpath without DJL the public entry points reach {@link DjlEnvironment#requireDjl()}'s
   * message instead of a {@code NoClassDefFoundError}.
   */
  @SuppressWarnings("unchecked")
  static <T> T as(Object o) {
    return (T) o;
  }

  /** The features this network reads, in order. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The actions it decides between, in output order. */
  public List<String> actions() {
    return actions;
  }

  /** The sizes of its hidden layers. */
  public List<Integer> hidden() {
    return hidden;
  }

  /** The device the network runs on. */
  public Device device() {
    return device;
  }

  /**
   * The network's trainer, kept across updates (so Adam's moments carry over) while the learning
   * rate stays the same.
   */
  final Trainer trainer(float learningRate) {
    if (trainer != null && trainerRate == learningRate) return trainer;
    if (trainer != null) trainer.close();
    trainer = AdamSteps.trainer(model, trainingLoss, learningRate, device);
    trainerRate = learningRate;
    return trainer;
  }

  /** Refuses a feature row whose width is not the schema's. */
  final void checkWidth(float[] row) {
    if (row.length != schema.size()) {
      throw new IllegalArgumentException(
          "a feature vector of "
              + row.length
              + " values was given to a "
              + noun
              + " that reads "
              + schema.describe());
    }
  }

  /** Writes {@code policy.json} and {@code policy.params} of {@code format} into {@code dir}. */
  final void save(Path dir, String format, int version, Map<String, Object> notes) {
    NetworkFiles.save(dir, format, version, schema, actions, hidden, notes, model.getBlock(), noun);
  }

  /** Reads the saved parameters of {@code from} into this network; closes it on failure. */
  final void readParameters(NetworkFiles.Source from) {
    NetworkFiles.parameters(from, model.getBlock(), model.getNDManager(), this::close, noun);
  }

  @Override
  public void close() {
    if (trainer != null) trainer.close();
    model.close();
  }
}
