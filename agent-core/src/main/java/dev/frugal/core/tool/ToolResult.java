package dev.frugal.core.tool;

/**
 * What a tool returns to the model.
 *
 * @param text the text the model reads
 * @param error true when the call failed; the model sees the text as an error it may react to
 * @param servedBy null when the tool itself produced the result; otherwise a short word naming the
 *     interceptor that answered instead (e.g. {@code cached}), shown in the trace; such a result is
 *     not charged
 */
public record ToolResult(String text, boolean error, String servedBy) {

  /** A null text becomes empty. */
  public ToolResult {
    text = text == null ? "" : text;
  }

  /** A successful result with {@code text}. */
  public static ToolResult ok(String text) {
    return new ToolResult(text, false, null);
  }

  /** A failure the model reads as {@code text}; not charged. */
  public static ToolResult error(String text) {
    return new ToolResult(text, true, null);
  }

  /** This result, marked as served by an interceptor instead of the tool. */
  public ToolResult servedBy(String by) {
    return new ToolResult(text, error, by);
  }
}
