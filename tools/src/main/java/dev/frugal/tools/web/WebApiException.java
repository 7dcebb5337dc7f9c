package dev.frugal.tools.web;

/**
 * A web API call failed: unreachable, timed out, rate limited after every retry, an HTTP error, or
 * a body that is not the JSON expected. The message is safe to show the model and the user: it
 * names the service and what went wrong, and never contains an API key.
 */
public final class WebApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what went wrong, as the model will read it. */
  public WebApiException(String message) {
    super(message);
  }
}
