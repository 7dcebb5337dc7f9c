package dev.frugal.core.trace;

import java.util.List;

/**
 * Receives a run's events as they happen, on the thread that caused them (parallel strategies call
 * it from several threads). Must be fast; an exception it throws is logged and ignored, never
 * allowed to break the run.
 */
@FunctionalInterface
public interface RunListener {

  /** Receives one event of a run, on the thread that caused it. */
  void onEvent(RunEvent event);

  /** A listener that does nothing. */
  static RunListener none() {
    return e -> {};
  }

  /** A listener that forwards every event to each of {@code listeners} in order. */
  static RunListener all(List<RunListener> listeners) {
    List<RunListener> copy = List.copyOf(listeners);
    return e -> copy.forEach(l -> l.onEvent(e));
  }
}
