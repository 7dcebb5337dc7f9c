package dev.frugal.examples.cli;

import dev.frugal.core.tool.Tool;
import dev.frugal.tools.fetch.AddressPolicy;
import dev.frugal.tools.fetch.PageFetcher;
import dev.frugal.tools.fetch.WebOpenTool;
import dev.frugal.tools.web.BraveBackend;
import dev.frugal.tools.web.JsonApiClient;
import dev.frugal.tools.web.SearxngBackend;
import dev.frugal.tools.web.TavilyBackend;
import dev.frugal.tools.web.WebSearchBackend;
import dev.frugal.tools.web.WebSearchTool;
import java.util.List;

/**
 * The values of {@code --search-backend}: the bundled corpus, or a web search engine with the web
 * {@code open} tool beside it. Lower-case names so that picocli's error lists them as typed.
 */
enum SearchBackendChoice {
  local("the bundled corpus (local Lucene search, offline)"),
  searxng("the web, through SearxNG"),
  brave("the web, through the Brave Search API"),
  tavily("the web, through Tavily");

  /** The environment variable read when {@code --searxng-url} is not given. */
  static final String SEARXNG_URL_VARIABLE = "SEARXNG_URL";

  private final String description;

  SearchBackendChoice(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  boolean web() {
    return this != local;
  }

  /**
   * The web {@code search} and {@code open} tools for this backend; keys and the SearxNG address
   * come from the environment unless given. An error names what is missing.
   */
  List<Tool> webTools(String searxngUrl, List<String> allowAddresses, int pageChars) {
    JsonApiClient client = JsonApiClient.defaults();
    WebSearchBackend backend =
        switch (this) {
          case searxng -> {
            String url = searxngUrl != null ? searxngUrl : System.getenv(SEARXNG_URL_VARIABLE);
            if (url == null || url.isBlank()) {
              throw new IllegalArgumentException(
                  "--search-backend searxng needs the instance's address: --searxng-url URL (or"
                      + " the environment variable "
                      + SEARXNG_URL_VARIABLE
                      + "), e.g. http://localhost:8888");
            }
            yield new SearxngBackend(url, client);
          }
          case brave -> BraveBackend.fromEnvironment(client);
          case tavily -> TavilyBackend.fromEnvironment(client);
          case local -> throw new IllegalStateException("local has no web tools");
        };
    AddressPolicy.Builder policy = AddressPolicy.builder();
    allowAddresses.forEach(policy::allow);
    PageFetcher fetcher =
        PageFetcher.builder().addressPolicy(policy.build()).maxChars(pageChars).build();
    return List.of(new WebSearchTool(backend), new WebOpenTool(fetcher));
  }
}
