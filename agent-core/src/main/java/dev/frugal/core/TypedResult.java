package dev.frugal.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Agent#run(String, Class)}: the answer as a {@code T} (when the run answered
 * and the answer could be structured within the budget) and the full {@link RunResult}, whose cost
 * includes the call that turned the answer into JSON.
 *
 * @param <T> the record type of the answer
 * @param value the typed answer; empty when the run ended without an answer or the budget could not
 *     pay for structuring it (then {@link RunResult#stopReason()} says why)
 * @param result the run, with its text answer, stop reason, cost and trace
 */
public record TypedResult<T>(Optional<T> value, RunResult result) {

  /** Checks that both parts are present. */
  public TypedResult {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(result, "result");
  }
}
