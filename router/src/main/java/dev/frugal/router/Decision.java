package dev.frugal.router;

/**
 * One routing decision, as a {@link DecisionListener} receives it.
 *
 * @param runId the run
 * @param step the step index of the call
 * @param purpose why the call was made ({@code step}, {@code final}, ...)
 * @param features the feature vector the policy saw
 * @param largeProbability the policy's probability of LARGE
 * @param proposed what the policy chose
 * @param chosen what the call used after the hard-budget mask
 */
public record Decision(
    String runId,
    int step,
    String purpose,
    float[] features,
    double largeProbability,
    Tier proposed,
    Tier chosen) {

  /** True when the mask turned the policy's LARGE into SMALL. */
  public boolean masked() {
    return proposed != chosen;
  }
}
