package dev.frugal.router.training;

/**
 * How BoPO fits its rollouts and how SFT weighs its labels (docs/router.md): the defaults make BoPO
 * a constrained update that learns instead of collapsing to all-SMALL or all-LARGE within two
 * iterations, as the first version (plain REINFORCE on unbalanced labels) did.
 *
 * @param sftClassWeightPower each SFT label is weighted by {@code (N / (2 n_class))^power}: 1
 *     balances the classes fully (the few LARGE labels of HARD questions then weigh as much in all
 *     as the many SMALL labels of EASY and INTRACTABLE ones), 0 leaves them unweighted (SFT then
 *     becomes always-SMALL on the testbed) [choice: 0.5, tempered; full balance made the synthetic
 *     world's SFT policy call LARGE at every step of a hard question, where only the first needs
 *     it, and the KL term then held BoPO there]
 * @param clipped use the PPO clipped surrogate with a KL penalty and importance weights ({@link
 *     dev.frugal.router.policy.PolicyNetwork#trainClipped}); false is the first version's plain
 *     advantage-weighted log-likelihood
 * @param clip the PPO ratio clip {@code eps} [choice: 0.2, PPO's and BudgetMem's]
 * @param klCoefficient {@code beta} of the KL term to the SFT reference policy [choice: 0.1]
 * @param importanceCorrection weigh each decision by {@code pi_old / mu}, correcting for the
 *     exploration floor that sampled it [choice: true]
 * @param valueBaseline advantages per decision against a learned per-state value ({@code
 *     ValueBaseline}) instead of one advantage per rollout against the group mean [choice: true]
 */
public record BoPOUpdate(
    double sftClassWeightPower,
    boolean clipped,
    double clip,
    double klCoefficient,
    boolean importanceCorrection,
    boolean valueBaseline) {

  /** Checks every setting is in its valid range. */
  public BoPOUpdate {
    if (!(sftClassWeightPower >= 0 && sftClassWeightPower <= 1))
      throw new IllegalArgumentException(
          "sftClassWeightPower must be in [0, 1], got " + sftClassWeightPower);
    if (!(clip > 0 && clip < 1))
      throw new IllegalArgumentException("clip must be in (0, 1), got " + clip);
    if (!(klCoefficient >= 0 && Double.isFinite(klCoefficient)))
      throw new IllegalArgumentException("klCoefficient must be >= 0, got " + klCoefficient);
  }

  /**
   * Tempered class weights (power 0.5), clip 0.2, KL 0.1 to the SFT policy, importance on,
   * per-state value baseline.
   */
  public static BoPOUpdate defaults() {
    return new BoPOUpdate(0.5, true, 0.2, 0.1, true, true);
  }

  /** The first version, kept for comparison: unweighted SFT and plain REINFORCE. */
  public static BoPOUpdate reinforce() {
    return new BoPOUpdate(0, false, 0.2, 0, false, false);
  }
}
