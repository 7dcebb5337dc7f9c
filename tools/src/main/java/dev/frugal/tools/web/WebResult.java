package dev.frugal.tools.web;

import java.util.Objects;

/**
 * One web search hit.
 *
 * @param title the page title (may be empty)
 * @param url the page address
 * @param snippet a short extract shown by the search engine, as plain text (may be empty)
 */
public record WebResult(String title, String url, String snippet) {
  /** Checks the URL and trims the texts (null becomes empty). */
  public WebResult {
    Objects.requireNonNull(url, "url");
    title = title == null ? "" : title.strip();
    snippet = snippet == null ? "" : snippet.strip();
  }
}
