/**
 * The V0-style router (docs/extras.md, "The V0-style router"): predicts each model's chance of
 * success on a question from a logged history of (question embedding, model, outcome, cost) by k
 * nearest neighbours, and routes the whole question to the model with the best predicted success
 * minus lambda times its predicted cost. The history is fitted from logged episodes ({@code
 * ./frugal router fit-knn}); questions are embedded in process with all-MiniLM-L6-v2.
 */
package dev.frugal.router.knn;
