package dev.frugal.router.policy;

/**
 * PPO's settings. The defaults ({@link #paper(long)}) are BudgetMem's: clip 0.2, value coefficient
 * 0.5, entropy coefficient 0.01, Adam learning rate 3e-4, 4 epochs over each batch in mini-batches
 * of 32.
 */
public record PpoOptions(
    float clip,
    float valueCoef,
    float entropyCoef,
    float learningRate,
    int epochs,
    int miniBatch,
    long seed) {
  /** Checks every setting is in its valid range. */
  public PpoOptions {
    if (!(clip > 0 && clip < 1)) throw new IllegalArgumentException("clip must be in (0,1)");
    if (!(valueCoef >= 0)) throw new IllegalArgumentException("valueCoef must be >= 0");
    if (!(entropyCoef >= 0)) throw new IllegalArgumentException("entropyCoef must be >= 0");
    if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0");
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1");
    if (miniBatch < 1) throw new IllegalArgumentException("miniBatch must be >= 1");
  }

  /** The paper's settings, with {@code seed} shuffling the mini-batches. */
  public static PpoOptions paper(long seed) {
    return new PpoOptions(0.2f, 0.5f, 0.01f, 3e-4f, 4, 32, seed);
  }

  /** These settings with another learning rate. */
  public PpoOptions withLearningRate(float rate) {
    return new PpoOptions(clip, valueCoef, entropyCoef, rate, epochs, miniBatch, seed);
  }
}
