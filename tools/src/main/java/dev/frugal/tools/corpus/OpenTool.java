package dev.frugal.tools.corpus;

import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.batch.BatchSpecification;
import dev.frugal.tools.batch.BatchTool;
import dev.frugal.tools.dataset.Paragraph;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code open} tool, the browse tool of the BATS paper (arXiv 2511.17006) over a local corpus:
 * given paragraph ids (as shown by {@link SearchTool}) or exact titles, it returns each paragraph's
 * full text. One Open unit per element.
 *
 * <p>Output, blocks separated by a blank line: {@code [p12] Title} then the full text. An element
 * may be an id ({@code p12}) or a title (exact, case-insensitive; a title shared by several
 * paragraphs opens all of them). When no element is found the call is an error naming them; when
 * only some are found the others are listed after the found paragraphs.
 */
public final class OpenTool extends BatchTool {

  /** The tool's name. */
  public static final String NAME = "open";

  /** The array parameter holding ids or titles. */
  public static final String PARAM = "ids";

  private static final ToolSpecification SPEC =
      BatchSpecification.of(
          NAME,
          "Read whole paragraphs. Pass paragraph ids from search results (e.g. \"p12\") or"
              + " exact titles. Every id costs one Open unit.",
          PARAM,
          "Paragraph ids such as \"p12\" or exact titles; each costs one unit");

  private final CorpusIndex index;

  /** Opens paragraphs of {@code index} by id or title. */
  public OpenTool(CorpusIndex index) {
    super(SPEC, PARAM, "Open");
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public ToolResult execute(ToolCall call) {
    List<String> ids = call.requireStrings(PARAM, "paragraph id or title", "[\"p12\"]");
    Set<Paragraph> found = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      List<Paragraph> matches = resolve(id);
      if (matches.isEmpty()) missing.add(id);
      else found.addAll(matches);
    }
    if (found.isEmpty()) {
      return ToolResult.error("no paragraph has the id or title " + quoted(missing) + hint());
    }
    StringBuilder out = new StringBuilder();
    for (Paragraph p : found) {
      if (out.length() > 0) out.append("\n\n");
      out.append('[').append(p.id()).append("] ").append(p.title()).append('\n').append(p.text());
    }
    if (!missing.isEmpty()) {
      out.append("\n\nNot found: ").append(quoted(missing)).append(hint());
    }
    return ToolResult.ok(out.toString());
  }

  private List<Paragraph> resolve(String idOrTitle) {
    String key = idOrTitle.strip();
    if (key.isEmpty()) return List.of();
    return index.byId(key).map(List::of).orElseGet(() -> index.byTitle(key));
  }

  private static String hint() {
    return ". Use 'search' first and pass an id it shows (like \"p12\") or an exact title.";
  }

  private static String quoted(List<String> values) {
    List<String> q = new ArrayList<>();
    for (String v : values) q.add('"' + v + '"');
    return String.join(", ", q);
  }
}
