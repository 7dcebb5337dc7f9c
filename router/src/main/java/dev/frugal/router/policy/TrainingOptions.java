package dev.frugal.router.policy;

/**
 * How {@link PolicyNetwork#train} fits: passes over the examples, mini-batch size, Adam's learning
 * rate and the seed that shuffles the examples.
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, long seed) {
  /** Checks every setting; each error names it. */
  public TrainingOptions {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    if (batchSize < 1)
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    if (!(learningRate > 0 && Float.isFinite(learningRate)))
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
  }
}
