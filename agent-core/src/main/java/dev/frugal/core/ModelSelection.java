package dev.frugal.core;

import dev.frugal.core.budget.LedgerSnapshot;

/**
 * What a {@link ModelSelector} sees when it picks the model for one call.
 *
 * @param runId the run
 * @param question the question being answered
 * @param step the step index (1-based)
 * @param purpose {@code step}, {@code final}, or a strategy's own purpose such as {@code verify}
 * @param budget the run's whole budget and what it has spent so far
 */
public record ModelSelection(
    String runId, String question, int step, String purpose, LedgerSnapshot budget) {}
