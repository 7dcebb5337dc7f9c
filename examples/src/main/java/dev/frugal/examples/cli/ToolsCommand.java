package dev.frugal.examples.cli;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolDescriptions;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolRegistry.PluginProblem;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.fetch.PageFetcher;
import dev.frugal.tools.fetch.WebOpenTool;
import dev.frugal.tools.plugin.PluginJars;
import dev.frugal.tools.web.JsonApiClient;
import dev.frugal.tools.web.SearxngBackend;
import dev.frugal.tools.web.WebSearchTool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frugal tools [--plugins DIR]}: every tool an agent can be given, built-in and plug-in,
 * with its description, parameter schema and how a call is charged; then the plug-in jars that
 * could not be loaded and why. Exit code 1 when a plug-in jar had a problem, so scripts notice.
 */
@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description = {
      "List the tools: built-in (per --search-backend) and plug-in, with schema and unit rule."
    })
public final class ToolsCommand implements Callable<Integer> {

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description = "also list the tools of the plug-in jars in this folder")
  Path plugins;

  @CommandLine.Mixin McpOptions mcp = new McpOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // The local tools need an index to exist; a one-paragraph one serves for the listing.
    try (CorpusIndex empty = CorpusIndex.builder().add("listing", "only for the listing").build()) {
      section(
          out,
          "Built-in, --search-backend local: " + SearchBackendChoice.local.description(),
          List.of(new SearchTool(empty), new OpenTool(empty)),
          null);
    }
    section(
        out,
        "Built-in, --search-backend searxng|brave|tavily: the web",
        List.of(
            new WebSearchTool(
                new SearxngBackend("http://localhost:8888", JsonApiClient.defaults())),
            new WebOpenTool(PageFetcher.defaults())),
        null);
    if (!mcp.servers.isEmpty() || !mcp.units.isEmpty() || !mcp.caps.isEmpty()) {
      try (McpOptions.Connections servers = mcp.open(System.err)) {
        for (var c : servers.open) {
          section(out, "MCP server " + c.spec() + " (" + c.serverInfo() + "):", c.tools(), null);
        }
      }
    }
    if (plugins == null) {
      out.println("No plug-ins: add --plugins DIR to list the tools of the jars in DIR.");
      out.flush();
      return 0;
    }
    try (PluginJars jars = PluginJars.scan(plugins)) {
      ToolRegistry registry = jars.addTo(ToolRegistry.builder()).build();
      section(out, "Plug-ins from " + plugins + ":", registry.tools(), jars);
      if (registry.isEmpty()) out.println("  (none loaded)");
      List<PluginProblem> problems = jars.allProblems(registry);
      if (!problems.isEmpty()) {
        out.println("Plug-in jars with problems (skipped):");
        for (PluginProblem p : problems) {
          out.println(TerminalText.line("  " + p.source() + ": " + p.message()));
        }
      }
      out.flush();
      return problems.isEmpty() ? 0 : 1;
    }
  }

  private static void section(PrintWriter out, String title, List<Tool> tools, PluginJars jars) {
    // names, descriptions and schemas come from plug-ins and MCP servers: escape what they say
    out.println(TerminalText.line(title));
    for (Tool t : tools) {
      String from = jars == null ? "" : "  [" + jars.sourceOf(t) + "]";
      out.println(TerminalText.line("  " + t.name() + from));
      out.println(TerminalText.line("      " + t.specification().description()));
      out.println(TerminalText.line("      parameters: " + ToolDescriptions.schemaSummary(t)));
      out.println(TerminalText.line("      charged:    " + t.unitRule().describe()));
    }
    out.println();
  }
}
