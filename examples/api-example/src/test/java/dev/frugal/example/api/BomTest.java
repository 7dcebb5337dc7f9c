package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code dev.frugal:frugal-bom} manages every published module at the project's version, and
 * Jackson and LangChain4j at the versions the build uses; the README shows it; this module's own
 * classpath has one Jackson version.
 */
class BomTest {
  static Document xml(String path) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(path).toFile());
  }

  static String property(Document d, String name) {
    return d.getElementsByTagName(name).item(0).getTextContent().strip();
  }

  @Test
  void theBomManagesEveryLibraryModuleAndTheRootPomsVersions() throws Exception {
    Document root = xml("../../pom.xml");
    Document bom = xml("../../bom/pom.xml");

    List<String> modules = new ArrayList<>();
    NodeList ms = root.getElementsByTagName("module");
    for (int i = 0; i < ms.getLength(); i++) {
      String m = ms.item(i).getTextContent().strip();
      if (m.equals("bom") || m.startsWith("examples")) continue;
      // the module's own artifactId (a folder's name may differ from it, e.g. the starter's)
      Element project = xml("../../" + m + "/pom.xml").getDocumentElement();
      for (org.w3c.dom.Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeName().equals("artifactId")) modules.add(n.getTextContent().strip());
      }
    }
    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (d.getElementsByTagName("groupId").item(0).getTextContent().equals("dev.frugal")) {
        managed.add(d.getElementsByTagName("artifactId").item(0).getTextContent());
      }
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(modules);
    assertThat(property(bom, "jackson.version")).isEqualTo(property(root, "jackson.version"));
    assertThat(property(bom, "langchain4j.version"))
        .isEqualTo(property(root, "langchain4j.version"));
    assertThat(property(bom, "version")).isEqualTo(property(root, "version"));
  }

  /** groupId:artifactId of each dependency in {@code xml} outside the test scope, in order. */
  static List<String> dependencies(String xml) throws Exception {
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    List<String> out = new ArrayList<>();
    NodeList deps = d.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element e = (Element) deps.item(i);
      NodeList scope = e.getElementsByTagName("scope");
      if (scope.getLength() > 0 && scope.item(0).getTextContent().strip().equals("test")) continue;
      out.add(
          e.getElementsByTagName("groupId").item(0).getTextContent().strip()
              + ":"
              + e.getElementsByTagName("artifactId").item(0).getTextContent().strip());
    }
    return out;
  }

  @Test
  void theReadmesDependencyBlockIsTheStandaloneProjectThatCiBuilds() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("../../README.md"));
    int api = readme.indexOf("## The Java API");
    int start = readme.indexOf("```xml\n", api);
    int end = readme.indexOf("```", start + 7);
    assertThat(start).as("an xml block under 'The Java API'").isPositive();
    String block = "<project>" + readme.substring(start + 7, end) + "</project>";
    String standalone = java.nio.file.Files.readString(Path.of("../standalone/pom.xml"));
    // the README's block declares exactly what the standalone project (built by .ci/run on its
    // own, against the installed snapshot jars) declares, the BOM import included
    assertThat(dependencies(block))
        .startsWith("dev.frugal:frugal-bom")
        .containsExactlyElementsOf(dependencies(standalone));
    assertThat(standalone).doesNotContain("<parent>");
  }

  @Test
  void jacksonOnTheClasspathIsOneVersion() {
    // Version.equals also compares the artifact id; the release is what must agree
    assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString())
        .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
  }
}
