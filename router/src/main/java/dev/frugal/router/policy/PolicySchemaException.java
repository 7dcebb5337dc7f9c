package dev.frugal.router.policy;

/** A saved policy was trained on other features than the ones it is asked to read. */
public final class PolicySchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PolicySchemaException(String message) {
    super(message);
  }
}
