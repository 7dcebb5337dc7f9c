package dev.frugal.examples.tree;

import dev.frugal.core.strategy.bavt.TreeNotes;
import java.util.List;
import java.util.Locale;

/**
 * Draws one recorded search tree: each node as a box with its id, value V (also as a bar), the
 * critic's delta and how often it was selected; pruned nodes grey and dashed with the reason;
 * terminal answers green; the chosen path (to the answer, or to the node the forced answer came
 * from) in bold green. The step each node took is its tooltip and, shortened, its last line.
 */
public final class SearchTreePicture {
  private static final int BOX_W = 168;
  private static final int BOX_H = 64;
  private static final int COL_W = 184;
  private static final int ROW_H = 112;
  private static final int MARGIN = 24;
  private static final int HEADER = 96;
  private static final String GREEN = "#1a7f37";

  private SearchTreePicture() {}

  /** The tree as a standalone SVG document. */
  public static String svg(TreeNotes.Tree tree, String question) {
    TreeLayout l = new TreeLayout(tree);
    int width = Math.max(640, MARGIN * 2 + l.columns * COL_W);
    int height = HEADER + (l.rows - 1) * ROW_H + BOX_H + MARGIN;
    StringBuilder sb = new StringBuilder(8192);
    sb.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0"
                    + " %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                width,
                height,
                width,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    header(sb, tree, question, width);
    for (TreeNotes.NodeNote n : l.nodes.values()) {
      if (n.parent() < 0 || !l.nodes.containsKey(n.parent())) continue;
      double x1 = cx(l, n.parent());
      double y1 = top(n.depth() - 1) + BOX_H;
      double x2 = cx(l, n.id());
      double y2 = top(n.depth());
      boolean on = l.chosenEdge(n.id());
      boolean pruned = n.status().equals("pruned");
      sb.append(
          String.format(
              Locale.ROOT,
              "<path d=\"M%.1f %.1f C%.1f %.1f, %.1f %.1f, %.1f %.1f\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"%s\"%s/>%n",
              x1,
              y1,
              x1,
              (y1 + y2) / 2,
              x2,
              (y1 + y2) / 2,
              x2,
              y2,
              on ? GREEN : pruned ? "#b0b0b0" : "#6e7781",
              on ? "3.5" : "1.3",
              pruned ? " stroke-dasharray=\"5 4\"" : ""));
    }
    for (TreeNotes.NodeNote n : l.nodes.values()) node(sb, l, n);
    sb.append("</svg>\n");
    return sb.toString();
  }

  /** An HTML page: the SVG, a legend and a table of the nodes. */
  public static String html(TreeNotes.Tree tree, String question) {
    TreeLayout l = new TreeLayout(tree);
    StringBuilder sb = new StringBuilder(16384);
    sb.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>BAVT tree, run ")
        .append(esc(tree.runId()))
        .append("</title>\n<style>body{font-family:Helvetica,Arial,sans-serif;margin:24px}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d0d7de;")
        .append("padding:3px 8px;text-align:left;vertical-align:top}.pruned{color:#8c959f}")
        .append(".chosen{font-weight:bold;color:")
        .append(GREEN)
        .append("}.scroll{overflow-x:auto}</style></head><body>\n<h1>BAVT search tree</h1>\n")
        .append("<p>Boxes are agent states (the question plus the steps on their path). V is the")
        .append(" node's value (bar), &Delta; the residual critic's progress score for its step,")
        .append(" &times;n how often it was selected for expansion. <span class=\"pruned\">Grey,")
        .append(" dashed</span>: pruned (no progress, repeated, refused). Green: a final answer.")
        .append(" <span class=\"chosen\">Bold green</span>: the chosen path.</p>\n")
        .append("<div class=\"scroll\">")
        .append(svg(tree, question))
        .append("</div>\n<h2>Nodes</h2>\n<table><tr><th>id</th><th>parent</th><th>depth</th>")
        .append("<th>V</th><th>&Delta;</th><th>status</th><th>selected</th><th>step</th></tr>\n");
    for (TreeNotes.NodeNote n : l.nodes.values()) {
      String cls =
          l.chosen.contains(n.id())
              ? " class=\"chosen\""
              : n.status().equals("pruned") ? " class=\"pruned\"" : "";
      sb.append("<tr")
          .append(cls)
          .append("><td>")
          .append(n.id())
          .append("</td><td>")
          .append(n.parent() < 0 ? "" : n.parent())
          .append("</td><td>")
          .append(n.depth())
          .append("</td><td>")
          .append(fmt(n.value()))
          .append("</td><td>")
          .append(n.delta() == null ? "" : signed(n.delta()))
          .append("</td><td>")
          .append(esc(n.status() + (n.reason().isEmpty() ? "" : " (" + n.reason() + ")")))
          .append("</td><td>")
          .append(l.selections.getOrDefault(n.id(), 0))
          .append("</td><td>")
          .append(esc(n.step()))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n</body></html>\n");
    return sb.toString();
  }

  /** A plain-text outline, one node per line, indented by depth; the chosen path is marked *. */
  public static String text(TreeNotes.Tree tree) {
    TreeLayout l = new TreeLayout(tree);
    StringBuilder sb = new StringBuilder();
    outline(sb, l, tree.nodes().get(0).id());
    if (tree.path() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "path %s -> %s%s (%s)%n",
              tree.path().nodes(),
              tree.path().answer() == null ? "(no answer)" : tree.path().answer(),
              tree.path().forced() ? ", forced" : "",
              tree.path().why()));
    }
    return sb.toString();
  }

  private static void outline(StringBuilder sb, TreeLayout l, int id) {
    TreeNotes.NodeNote n = l.nodes.get(id);
    sb.append("  ".repeat(n.depth()))
        .append(l.chosen.contains(id) ? "* " : "- ")
        .append('#')
        .append(id)
        .append(" V=")
        .append(fmt(n.value()));
    if (n.delta() != null) sb.append(" d=").append(signed(n.delta()));
    if (!n.status().equals("open")) sb.append(" [").append(n.status());
    if (!n.reason().isEmpty()) sb.append(": ").append(n.reason());
    if (!n.status().equals("open")) sb.append(']');
    int picks = l.selections.getOrDefault(id, 0);
    if (picks > 0) sb.append(" x").append(picks);
    sb.append("  ").append(n.step()).append('\n');
    for (int k : l.children.getOrDefault(id, List.of())) outline(sb, l, k);
  }

  private static void header(StringBuilder sb, TreeNotes.Tree tree, String question, int width) {
    sb.append("<text x=\"")
        .append(MARGIN)
        .append("\" y=\"28\" font-size=\"15\" font-weight=\"bold\">")
        .append(
            esc(
                shorten(
                    "Q: " + (question == null ? "(question not in the trace)" : question),
                    width / 8)))
        .append("</text>\n");
    TreeNotes.PathNote p = tree.path();
    String end =
        p == null
            ? "the search did not record its end"
            : "answer: "
                + (p.answer() == null ? "(none)" : p.answer())
                + (p.forced() ? " (forced from the best node: " : " (")
                + p.why()
                + ")";
    sb.append("<text x=\"")
        .append(MARGIN)
        .append("\" y=\"50\" font-size=\"13\" fill=\"")
        .append(GREEN)
        .append("\">")
        .append(esc(shorten(end, width / 7)))
        .append("</text>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"72\" font-size=\"11\" fill=\"#57606a\">run %s: %d nodes, %d"
                + " expansions; V = value (bar), \u0394 = critic delta, \u00d7n = times selected;"
                + " grey dashed = pruned; bold green = chosen path</text>%n",
            MARGIN,
            esc(tree.runId()),
            tree.nodes().size(),
            tree.selections().size()));
  }

  private static void node(StringBuilder sb, TreeLayout l, TreeNotes.NodeNote n) {
    double x = cx(l, n.id()) - BOX_W / 2.0;
    double y = top(n.depth());
    boolean pruned = n.status().equals("pruned");
    boolean terminal = n.status().equals("terminal");
    boolean on = l.chosen.contains(n.id());
    String fill =
        pruned
            ? "#f2f2f2"
            : terminal ? "#dafbe1" : n.status().equals("unscored") ? "#fff8c5" : "#ffffff";
    String stroke = on ? GREEN : pruned ? "#b0b0b0" : "#57606a";
    String ink = pruned ? "#8c959f" : "#1f2328";
    sb.append("<g>\n<title>")
        .append(
            esc(
                "#"
                    + n.id()
                    + " "
                    + n.status()
                    + (n.reason().isEmpty() ? "" : " (" + n.reason() + ")")
                    + "\n"
                    + n.step()))
        .append("</title>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"7\" fill=\"%s\" stroke=\"%s\""
                + " stroke-width=\"%s\"%s/>%n",
            x,
            y,
            BOX_W,
            BOX_H,
            fill,
            stroke,
            on ? "3" : "1.2",
            pruned ? " stroke-dasharray=\"5 4\"" : ""));
    // the value bar along the bottom edge
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"5\" fill=\"%s\"/>%n",
            x + 6,
            y + BOX_H - 9,
            (BOX_W - 12) * Math.max(0, Math.min(1, n.value())),
            pruned ? "#c8c8c8" : "#54aeff"));
    String first =
        "#"
            + n.id()
            + "  V="
            + fmt(n.value())
            + (n.delta() == null ? "" : "  \u0394=" + signed(n.delta()));
    int picks = l.selections.getOrDefault(n.id(), 0);
    String second =
        pruned
            ? "\u2715 " + n.reason()
            : terminal ? "final answer" : n.status().equals("unscored") ? "not scored" : "";
    if (picks > 0) second += (second.isEmpty() ? "" : "  ") + "selected \u00d7" + picks;
    text(sb, x + 8, y + 17, first, ink, on ? "bold" : "normal");
    text(sb, x + 8, y + 32, second, pruned ? "#8c959f" : terminal ? GREEN : "#57606a", "normal");
    text(sb, x + 8, y + 47, shorten(readable(n.step()), 27), ink, "normal");
    sb.append("</g>\n");
  }

  private static void text(
      StringBuilder sb, double x, double y, String s, String fill, String weight) {
    if (s.isEmpty()) return;
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-weight=\"%s\">%s</text>%n",
            x,
            y,
            fill,
            weight,
            esc(s)));
  }

  private static double cx(TreeLayout l, int id) {
    return MARGIN + l.column.get(id) * COL_W + COL_W / 2.0;
  }

  private static double top(int depth) {
    return HEADER + depth * ROW_H;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.2f", v);
  }

  /**
   * A step label for a small box: {@code search {"queries":["a","b"]}} becomes {@code search: a |
   * b}; anything else is kept.
   */
  static String readable(String step) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(\\w+) \\{\"\\w+\":\\[(.*)\\]\\}$").matcher(step);
    if (!m.matches()) return step;
    String items = m.group(2).replaceAll("^\"|\"$", "").replace("\",\"", " | ");
    return m.group(1) + ": " + items;
  }

  static String shorten(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, Math.max(1, max - 1)) + "\u2026";
  }

  /**
   * {@code s} as XML text: markup characters as entities, and every character XML 1.0 does not
   * allow in a document (control characters, unpaired surrogates, U+FFFE and U+FFFF; the XML 1.0
   * specification, section 2.2 "Characters") and the bidirectional overrides shown as {@code
   * \\uXXXX}, as {@code trace show} shows them, so the picture stays well-formed and says what the
   * trace held.
   */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pairedSurrogate =
          Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1))
              || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      boolean unsafe =
          c < 0x20
              || (c >= 0x7F && c <= 0x9F)
              || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0xFFFE
              || c == 0xFFFF
              || (Character.isSurrogate(c) && !pairedSurrogate);
      if (unsafe) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.toString()
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
