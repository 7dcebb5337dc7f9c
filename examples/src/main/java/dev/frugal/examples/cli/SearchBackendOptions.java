package dev.frugal.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code search} and {@code open} go ({@code --search-backend}, {@code --searxng-url}, {@code
 * --allow-address}), shared by {@code ask} and {@code mcp serve} (a picocli mixin).
 */
final class SearchBackendOptions {
  @Option(
      names = "--search-backend",
      defaultValue = "local",
      paramLabel = "BACKEND",
      description =
          "local (default: the bundled corpus), searxng, brave (key in BRAVE_API_KEY) or tavily"
              + " (key in TAVILY_API_KEY); for ask the web backends need a real model")
  SearchBackendChoice backend;

  @Option(
      names = "--searxng-url",
      paramLabel = "URL",
      description = "the SearxNG instance (default: $SEARXNG_URL), e.g. http://localhost:8888")
  String searxngUrl;

  @Option(
      names = "--allow-address",
      paramLabel = "CIDR",
      description =
          "let 'open' fetch from this private address or block, e.g. 10.1.0.0/16 (repeatable;"
              + " loopback, private, link-local and metadata addresses are refused by default)")
  List<String> allowAddresses = new ArrayList<>();

  /** The web tools of the chosen backend, pages cut at {@code pageChars}. */
  List<dev.frugal.core.tool.Tool> webTools(int pageChars) {
    return backend.webTools(searxngUrl, allowAddresses, pageChars);
  }
}
