/**
 * The learned tier router: one shared actor-critic MLP (the router module's {@link
 * dev.frugal.router.policy.ActorCriticNetwork} on DJL) reads [query embedding, module-state
 * embedding, module-description embedding] and gives LOW/MID/HIGH logits and a value; it samples
 * while training and takes the argmax of the allowed tiers at inference. Training is PPO with
 * BudgetMem's reward: the task score, scaled to the cost reward's spread, plus lambda times the
 * cost reward {@code 1 - clip((sqrt(c) - q05) / (q95 - q05), 0, 1)} over a sliding window of recent
 * per-query costs.
 */
package dev.frugal.memory.routing;
