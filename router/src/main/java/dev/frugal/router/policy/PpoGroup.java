package dev.frugal.router.policy;

/**
 * One PPO sample made of several decisions taken together (e.g. the five module tiers of one memory
 * query): the joint probability ratio is {@code exp(sum new log-probs - sum old)}.
 *
 * @param features one feature vector per decision
 * @param actions the action taken at each decision
 * @param allowed per decision, which actions were allowed (a masked action gets no probability)
 * @param oldLogProb the summed log-probability of the actions under the policy that took them
 * @param advantage the group's advantage
 * @param target the value target (the return) for the group
 */
public record PpoGroup(
    float[][] features,
    int[] actions,
    boolean[][] allowed,
    float oldLogProb,
    float advantage,
    float target) {
  /** Checks the group is non-empty and its arrays line up. */
  public PpoGroup {
    if (features.length == 0) throw new IllegalArgumentException("a PPO group needs decisions");
    if (actions.length != features.length || allowed.length != features.length) {
      throw new IllegalArgumentException(
          "features, actions and allowed must have one entry per decision");
    }
    for (int i = 0; i < actions.length; i++) {
      if (actions[i] < 0 || actions[i] >= allowed[i].length || !allowed[i][actions[i]]) {
        throw new IllegalArgumentException(
            "decision " + i + " took action " + actions[i] + ", which was not allowed");
      }
    }
  }
}
