package dev.frugal.examples.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.strategy.bavt.TreeNotes;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.TraceWriter;
import dev.frugal.examples.cli.FrugalCli;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SearchTreePictureTest {
  static final String RUN = "r1";

  /** A small recorded tree: root, a pruned search, a kept search, an open under it, an answer. */
  static List<RunEvent> events() {
    return List.of(
        new RunEvent.RunStarted(RUN, "Who <wrote> it?", "bavt", Map.of()),
        note(
            "node",
            "{\"id\":0,\"parent\":-1,\"depth\":0,\"value\":0.5,\"status\":\"open\","
                + "\"reason\":\"\",\"step\":\"question\"}"),
        note("select", "{\"node\":0,\"r\":1.0,\"probability\":1.0,\"frontier\":1}"),
        note(
            "node",
            "{\"id\":1,\"parent\":0,\"depth\":1,\"value\":0.3,\"delta\":-0.2,"
                + "\"status\":\"pruned\",\"reason\":\"no progress\",\"step\":\"search"
                + " {\\\"queries\\\":[\\\"vague\\\"]}\"}"),
        note("select", "{\"node\":0,\"r\":0.8,\"probability\":1.0,\"frontier\":1}"),
        note(
            "node",
            "{\"id\":2,\"parent\":0,\"depth\":1,\"value\":0.8,\"delta\":0.3,"
                + "\"status\":\"open\",\"reason\":\"\",\"step\":\"search"
                + " {\\\"queries\\\":[\\\"author of it\\\",\\\"it book\\\"]}\"}"),
        note("select", "{\"node\":2,\"r\":0.6,\"probability\":0.6,\"frontier\":2}"),
        note(
            "node",
            "{\"id\":3,\"parent\":2,\"depth\":2,\"value\":1.0,\"delta\":0.6,"
                + "\"status\":\"open\",\"reason\":\"\",\"step\":\"open {\\\"ids\\\":[\\\"p7\\\"]}\"}"),
        note("select", "{\"node\":3,\"r\":0.4,\"probability\":0.7,\"frontier\":3}"),
        note(
            "node",
            "{\"id\":4,\"parent\":3,\"depth\":3,\"value\":1.0,\"status\":\"terminal\","
                + "\"reason\":\"\",\"step\":\"answer: Stephen King\"}"),
        note(
            "path",
            "{\"nodes\":[0,2,3,4],\"answer\":\"Stephen King\",\"forced\":false,"
                + "\"why\":\"answered\"}"));
  }

  static RunEvent.Note note(String kind, String json) {
    return new RunEvent.Note(RUN, 0, kind, json);
  }

  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSvgShowsEveryNodeItsValuePrunedBranchesAndTheChosenPath() throws Exception {
    TreeNotes.Tree tree = TreeNotes.read(events()).get(0);
    String svg = SearchTreePicture.svg(tree, "Who <wrote> it?");
    Document doc = parse(svg); // well-formed, and the question's markup is escaped

    NodeList groups = doc.getElementsByTagName("g");
    assertThat(groups.getLength()).isEqualTo(5);
    assertThat(svg)
        .contains("#2  V=0.80  \u0394=+0.30")
        .contains("\u2715 no progress")
        .contains("search: author of it | it \u2026")
        .contains("final answer")
        .contains("selected \u00d72")
        .contains("Q: Who &lt;wrote&gt; it?")
        .contains("answer: Stephen King (answered)");
    // three edges on the chosen path are drawn bold green; the pruned edge is dashed
    NodeList paths = doc.getElementsByTagName("path");
    int bold = 0;
    int dashed = 0;
    for (int i = 0; i < paths.getLength(); i++) {
      Element p = (Element) paths.item(i);
      if (p.getAttribute("stroke-width").equals("3.5")) bold++;
      if (!p.getAttribute("stroke-dasharray").isEmpty()) dashed++;
    }
    assertThat(paths.getLength()).isEqualTo(4);
    assertThat(bold).isEqualTo(3);
    assertThat(dashed).isEqualTo(1);
  }

  @Test
  void theOutlineMarksTheChosenPath() {
    String text = SearchTreePicture.text(TreeNotes.read(events()).get(0));
    assertThat(text)
        .contains("* #0 V=0.50 x2  question")
        .contains("  - #1 V=0.30 d=-0.20 [pruned: no progress]")
        .contains("      * #4 V=1.00 [terminal]  answer: Stephen King")
        .contains("path [0, 2, 3, 4] -> Stephen King (answered)");
  }

  @Test
  void theTraceTreeCommandWritesAnHtmlPageAndRejectsOtherFormats(@TempDir Path dir)
      throws Exception {
    Path trace = dir.resolve("t.jsonl");
    try (TraceWriter w = TraceWriter.open(trace)) {
      events().forEach(w::onEvent);
    }
    Path html = dir.resolve("pics/tree.html");
    int rc =
        FrugalCli.commandLine()
            .execute("trace", "tree", trace.toString(), "--out", html.toString());
    assertThat(rc).isZero();
    assertThat(Files.readString(html))
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .contains("<td>answer: Stephen King</td>");

    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = FrugalCli.commandLine();
    cl.setErr(new java.io.PrintWriter(err));
    int bad =
        cl.execute("trace", "tree", trace.toString(), "--out", dir.resolve("t.png").toString());
    assertThat(bad).isEqualTo(2);
    assertThat(err.toString()).contains("--out must name an .svg or .html file");
  }

  @Test
  void controlCharactersInTheTraceLeaveTheSvgWellFormedAndShowEscaped(@TempDir Path dir)
      throws Exception {
    java.util.List<RunEvent> hostile = new java.util.ArrayList<>();
    hostile.add(new RunEvent.RunStarted(RUN, "Who\u001b[2J wrote\u0000 it?", "bavt", Map.of()));
    hostile.addAll(events().subList(1, events().size() - 1));
    hostile.add(
        note(
            "path",
            "{\"nodes\":[0,2,3,4],\"answer\":\"King\\u0007\\ud800\",\"forced\":false,"
                + "\"why\":\"answered\\u001b]0;x\"}"));
    Path trace = dir.resolve("t.jsonl");
    try (TraceWriter w = TraceWriter.open(trace)) {
      hostile.forEach(w::onEvent);
    }
    Path svg = dir.resolve("tree.svg");
    int rc =
        FrugalCli.commandLine().execute("trace", "tree", trace.toString(), "--out", svg.toString());
    assertThat(rc).isZero();
    String text = Files.readString(svg);
    parse(text); // well-formed XML
    assertThat(text)
        .contains("Who\\u001b[2J wrote\\u0000 it?")
        .contains("King\\u0007\\ud800")
        .doesNotContain("\u001b")
        .doesNotContain("\u0000")
        .doesNotContain("\u0007");
  }
}
