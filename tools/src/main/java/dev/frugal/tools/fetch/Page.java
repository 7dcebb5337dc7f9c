package dev.frugal.tools.fetch;

/**
 * A fetched page as readable text.
 *
 * @param url the address the text came from, after redirects
 * @param title the HTML title, or empty
 * @param contentType the media type the server declared (or {@code text/html} when sniffed)
 * @param text the readable text, cut at the fetcher's character limit
 * @param fullChars the length of the text before cutting
 */
public record Page(String url, String title, String contentType, String text, int fullChars) {

  /** True when {@link #text()} was cut at the character limit. */
  public boolean truncated() {
    return fullChars > text.length();
  }
}
