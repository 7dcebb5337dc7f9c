package dev.frugal.tools.fetch;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML document into text a model can read: scripts, styles, navigation, forms and other
 * page furniture are dropped; headings become {@code #} lines, list items {@code -} lines, block
 * elements and {@code <br>} line breaks; whitespace is collapsed except inside {@code <pre>}.
 */
final class HtmlText {
  private static final String DROPPED =
      "script, style, noscript, template, svg, canvas, iframe, object, embed, nav, footer, aside,"
          + " form, button, select, textarea, input, head";
  private static final java.util.Set<String> BLOCKS =
      java.util.Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "table",
          "tr",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "blockquote",
          "pre",
          "figure",
          "figcaption",
          "address",
          "hr",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "caption",
          "details",
          "summary");

  private HtmlText() {}

  static String of(Document doc) {
    Document copy = doc.clone();
    copy.select(DROPPED).remove();
    Element root = copy.body() == null ? copy : copy.body();
    StringBuilder sb = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              boolean pre = insidePre(t);
              String s = pre ? t.getWholeText() : t.text().replaceAll("\\s+", " ");
              if (!pre && (sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n')) {
                s = s.stripLeading();
              }
              sb.append(s);
            } else if (node instanceof Element e) {
              String tag = e.normalName();
              if (tag.equals("br")) {
                sb.append('\n');
              } else if (BLOCKS.contains(tag)) {
                newline(sb);
                if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
                  sb.append('\n').append("#".repeat(tag.charAt(1) - '0')).append(' ');
                } else if (tag.equals("li")) {
                  sb.append("- ");
                }
              } else if (tag.equals("td") || tag.equals("th")) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append(" | ");
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && BLOCKS.contains(e.normalName())) newline(sb);
          }
        },
        root);
    return tidy(sb.toString());
  }

  private static boolean insidePre(TextNode t) {
    for (Node p = t.parent(); p != null; p = p.parent()) {
      if (p instanceof Element e && e.normalName().equals("pre")) return true;
    }
    return false;
  }

  private static void newline(StringBuilder sb) {
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
  }

  private static String tidy(String s) {
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : s.split("\n", -1)) {
      String l = line.stripTrailing();
      if (l.isBlank()) {
        if (++blank <= 1 && out.length() > 0) out.append('\n');
        continue;
      }
      blank = 0;
      out.append(l).append('\n');
    }
    return out.toString().strip();
  }
}
