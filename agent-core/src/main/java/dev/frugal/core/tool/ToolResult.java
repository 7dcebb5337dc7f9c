package dev.frugal.core.tool;

/**
 * What a tool returns to the model.
 *
 * @param text the text the model reads
 * @param error true when the call failed; the model sees the text as an error it may react to
 */
public record ToolResult(String text, boolean error) {

  public ToolResult {
    text = text == null ? "" : text;
  }

  public static ToolResult ok(String text) {
    return new ToolResult(text, false);
  }

  public static ToolResult error(String text) {
    return new ToolResult(text, true);
  }
}
