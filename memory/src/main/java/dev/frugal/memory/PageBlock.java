package dev.frugal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of an {@code open} result. The web {@code open} tool returns blocks separated by a blank
 * line, each {@code [n] Title}, {@code URL: ...}, then the text, maybe ending with a {@code [cut:
 * ...]} line; a URL that failed has {@code ERROR: ...} instead. A text in another shape (another
 * tool, the local corpus) is one page without a header.
 *
 * @param header the block's first lines ({@code [n] Title} and {@code URL: ...}), or empty
 * @param title the page's title (or a description of the call when the text had no header)
 * @param body the page's text, without the header and the {@code [cut: ...]} line
 * @param trailer the {@code [cut: ...]} line, or empty
 */
record PageBlock(String header, String title, String body, String trailer) {
  private static final Pattern HEAD = Pattern.compile("\\A\\[(\\d+)] (.*)\\n(URL: .*)\\n");
  private static final Pattern CUT = Pattern.compile("\\n(\\[cut: [^\\n]*])\\s*\\z");

  /** The whole block as the tool returned it. */
  String original() {
    return header + body + (trailer.isEmpty() ? "" : "\n" + trailer);
  }

  /**
   * Splits a tool result into its pages: block {@code k + 1} starts at a blank line followed by
   * {@code [k+1] } whose next line starts {@code URL: } or {@code ERROR: }.
   */
  static List<PageBlock> split(String text, String untitled) {
    if (!text.startsWith("[1] ")) return List.of(new PageBlock("", untitled, text, ""));
    List<Integer> starts = new ArrayList<>(List.of(0));
    int from = 0;
    for (int k = 2; ; k++) {
      int at = nextBlock(text, from, k);
      if (at < 0) break;
      starts.add(at);
      from = at;
    }
    List<PageBlock> out = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) - 2 : text.length();
      out.add(parse(text.substring(starts.get(i), end), untitled));
    }
    return out;
  }

  /** Joins blocks back the way the tool separates them. */
  static String join(List<String> blocks) {
    return String.join("\n\n", blocks);
  }

  private static int nextBlock(String text, int from, int k) {
    String mark = "\n\n[" + k + "] ";
    for (int at = text.indexOf(mark, from); at >= 0; at = text.indexOf(mark, at + 1)) {
      int line = text.indexOf('\n', at + mark.length());
      if (line >= 0
          && (text.startsWith("URL: ", line + 1) || text.startsWith("ERROR: ", line + 1))) {
        return at + 2;
      }
    }
    return -1;
  }

  private static PageBlock parse(String block, String untitled) {
    Matcher h = HEAD.matcher(block);
    if (!h.find()) return new PageBlock("", untitled, block, "");
    String header = block.substring(0, h.end());
    String rest = block.substring(h.end());
    Matcher c = CUT.matcher(rest);
    String trailer = "";
    if (c.find()) {
      trailer = c.group(1);
      rest = rest.substring(0, c.start());
    }
    return new PageBlock(header, h.group(2).strip(), rest, trailer);
  }
}
