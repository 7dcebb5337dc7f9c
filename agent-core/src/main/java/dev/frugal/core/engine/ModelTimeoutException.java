package dev.frugal.core.engine;

/**
 * A model call gave no complete reply within the agent's model timeout ({@link
 * dev.frugal.core.AgentBuilder#modelTimeout}); the call was abandoned and is not retried (its time
 * is used up).
 */
final class ModelTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ModelTimeoutException(String message) {
    super(message);
  }
}
