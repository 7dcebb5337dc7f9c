package dev.frugal.tools.fetch;

import java.util.Objects;

/** A page could not be fetched; the message says why and is safe to show the model. */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a fetch failed. */
  public enum Reason {
    /** Not a URL, or not an http(s) URL (also for a redirect to another scheme). */
    BAD_URL,
    /** The host is, or resolves to, an address the {@link AddressPolicy} refuses. */
    REFUSED_ADDRESS,
    /** The host name could not be resolved or the server could not be reached. */
    UNREACHABLE,
    /** The server did not answer in time. */
    TIMEOUT,
    /** More redirects than allowed, or a redirect without a target. */
    TOO_MANY_REDIRECTS,
    /** An HTTP status other than 2xx (after redirects). */
    HTTP_STATUS,
    /** A content type that is not HTML or text. */
    UNSUPPORTED_TYPE,
    /** A body larger than the size cap. */
    TOO_LARGE
  }

  private final Reason reason;

  /** Creates the exception with why the fetch was refused or failed. */
  public FetchException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the fetch was refused or failed. */
  public Reason reason() {
    return reason;
  }
}
