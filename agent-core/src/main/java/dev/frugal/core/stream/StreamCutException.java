package dev.frugal.core.stream;

/**
 * A streamed model reply that broke off after some of its text had arrived. The provider has
 * produced (and bills) what came, and may have produced more: the engine charges the call the
 * amount it reserved for it, its whole estimate, never less, and does not retry it (the tokens
 * already handed to the caller cannot be taken back).
 */
public final class StreamCutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient String partialText;

  /**
   * @param partialText the text that arrived before the stream broke off
   * @param cause why it broke off
   */
  public StreamCutException(String partialText, Throwable cause) {
    super(
        "the streamed reply broke off after "
            + partialText.length()
            + " characters: "
            + (cause == null ? "the stream ended" : cause.toString()),
        cause);
    this.partialText = partialText;
  }

  /** The text that arrived before the stream broke off. */
  public String partialText() {
    return partialText;
  }
}
