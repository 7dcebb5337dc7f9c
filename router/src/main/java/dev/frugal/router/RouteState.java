package dev.frugal.router;

import dev.frugal.core.ModelSelection;

/**
 * What a {@link RoutingPolicy} sees for one model call: the engine's selection (step, purpose,
 * budget, activity), the names of the two models, and the call's feature vector as the router's
 * {@link dev.frugal.router.features.RouterFeatures} computed it.
 */
public record RouteState(ModelSelection selection, String small, String large, float[] features) {}
