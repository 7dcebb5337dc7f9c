package dev.frugal.tools.fetch;

import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.batch.BatchSpecification;
import dev.frugal.tools.batch.BatchTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import java.util.Objects;

/**
 * The {@code open} tool over the web, the browse tool of the BATS paper: given URLs, it fetches
 * each with a {@link PageFetcher} and returns its readable text, one URL unit per element. Its name
 * matches the local corpus's {@code open} tool, so the CLI's {@code --open} / {@code --browse}
 * budget applies to either.
 *
 * <p>Output, blocks separated by a blank line: {@code [n] Title}, {@code URL: ...}, then the text;
 * a page cut at the character limit ends with a line saying how much was shown. A URL that cannot
 * be fetched shows {@code ERROR: ...} in its block (an SSRF refusal, a timeout, a type or size
 * refusal); when every URL fails the call is a tool error (not charged). A call where some pages
 * were read is charged in full.
 */
public final class WebOpenTool extends BatchTool {

  /** The tool's name. */
  public static final String NAME = "open";

  /** The array parameter holding the URLs. */
  public static final String PARAM = "urls";

  /** The specification the model sees. */
  public static final ToolSpecification SPECIFICATION =
      BatchSpecification.of(
          NAME,
          "Read web pages. Pass URLs from search results; each page comes back as plain text"
              + " (long pages are cut). Every URL costs one URL unit.",
          PARAM,
          "Absolute http:// or https:// URLs, e.g."
              + " [\"https://en.wikipedia.org/wiki/Shirley_Temple\"]; each"
              + " costs one unit");

  private final PageFetcher fetcher;

  /** Opens web pages through {@code fetcher}. */
  public WebOpenTool(PageFetcher fetcher) {
    super(SPECIFICATION, PARAM, "URL");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  @Override
  public ToolResult execute(ToolCall call) {
    List<String> urls = call.requireStrings(PARAM, "URL", "[\"https://...\"]");
    StringBuilder out = new StringBuilder();
    int failed = 0;
    String lastError = null;
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i).strip();
      if (out.length() > 0) out.append("\n\n");
      out.append('[').append(i + 1).append("] ");
      try {
        Page p = fetcher.fetch(url);
        out.append(p.title().isEmpty() ? "(untitled)" : p.title());
        out.append("\nURL: ").append(p.url()).append('\n').append(p.text());
        if (p.truncated()) {
          out.append("\n[cut: showing the first ")
              .append(p.text().length())
              .append(" of ")
              .append(p.fullChars())
              .append(" characters]");
        }
      } catch (FetchException e) {
        failed++;
        lastError = e.getMessage();
        out.append(url).append("\nERROR: ").append(e.getMessage());
      }
    }
    if (failed == urls.size()) {
      return ToolResult.error(urls.size() == 1 ? lastError : "no page could be opened:\n" + out);
    }
    return ToolResult.ok(out.toString());
  }
}
